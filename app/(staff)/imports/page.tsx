import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { FormAlert } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { formatDateTimeInZone } from "@/lib/format/dates";
import { IMPORT_FIELD_NAMES } from "@/lib/imports/import-columns";
import { listImports } from "@/lib/imports/list-imports";

export const metadata: Metadata = { title: "Imports" };

const pageParams = z.object({ error: z.string().max(300).optional().catch(undefined) });

/** Bring patients and charges over from a practice system's CSV export; every import is listed here. */
export default async function ImportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("invoices:write");
  const { error } = pageParams.parse(await searchParams);
  const { db } = await getDb();
  const rows = await listImports(db, staff.clinicId);
  const n = (value: number) => value.toLocaleString("en-US");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Imports" />
      <Card aria-labelledby="upload-heading">
        <h2 id="upload-heading" className="mb-1 text-lg font-semibold">
          New import
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          One row per charge (or per patient). Columns are matched from the header: {IMPORT_FIELD_NAMES.join(", ")}. You
          will see a preview before anything is written. Up to 100,000 rows.
        </p>
        <form method="post" action="/imports/upload" encType="multipart/form-data" className="flex flex-col gap-3">
          <FormAlert message={error ?? null} />
          <Field label="CSV file" htmlFor="import-file">
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required className="text-sm" />
          </Field>
          <div>
            <Button type="submit">Preview import</Button>
          </div>
        </form>
      </Card>
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">File</th>
              <th className="px-3 py-2">When</th>
              <th className="px-3 py-2">Who</th>
              <th className="px-3 py-2 text-right">Rows</th>
              <th className="px-3 py-2 text-right">New patients</th>
              <th className="px-3 py-2 text-right">Updated patients</th>
              <th className="px-3 py-2 text-right">Invoices</th>
              <th className="px-3 py-2 text-right">Rejected</th>
              <th className="px-3 py-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100">
                <td className="px-3 py-2">
                  <Link className="text-blue-700 hover:underline" href={`/imports/${row.id}`}>
                    {row.fileName}
                  </Link>
                </td>
                <td className="px-3 py-2">{formatDateTimeInZone(row.createdAt, staff.clinicTimeZone)}</td>
                <td className="px-3 py-2">{row.uploadedBy ?? "—"}</td>
                <td className="px-3 py-2 text-right">{n(row.totalRows)}</td>
                <td className="px-3 py-2 text-right">{n(row.createdPatients)}</td>
                <td className="px-3 py-2 text-right">{n(row.changedPatients)}</td>
                <td className="px-3 py-2 text-right">{n(row.createdInvoices)}</td>
                <td className="px-3 py-2 text-right">{n(row.badRows)}</td>
                <td className="px-3 py-2">{row.completedAt ? "Imported" : "Previewed"}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-slate-600">
                  No imports yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
