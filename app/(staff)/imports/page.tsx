import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { FormAlert } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
      <Table aria-label="Imports">
        <TableHeader>
          <TableRow>
            <TableHead>File</TableHead>
            <TableHead>When</TableHead>
            <TableHead>Who</TableHead>
            <TableHead className="text-right">Rows</TableHead>
            <TableHead className="text-right">New patients</TableHead>
            <TableHead className="text-right">Updated patients</TableHead>
            <TableHead className="text-right">Invoices</TableHead>
            <TableHead className="text-right">Rejected</TableHead>
            <TableHead>Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableCell>
                <Link className="text-blue-700 hover:underline" href={`/imports/${row.id}`}>
                  {row.fileName}
                </Link>
              </TableCell>
              <TableCell>{formatDateTimeInZone(row.createdAt, staff.clinicTimeZone)}</TableCell>
              <TableCell>{row.uploadedBy ?? "—"}</TableCell>
              <TableCell className="text-right">{n(row.totalRows)}</TableCell>
              <TableCell className="text-right">{n(row.createdPatients)}</TableCell>
              <TableCell className="text-right">{n(row.changedPatients)}</TableCell>
              <TableCell className="text-right">{n(row.createdInvoices)}</TableCell>
              <TableCell className="text-right">{n(row.badRows)}</TableCell>
              <TableCell>{row.completedAt ? "Imported" : "Previewed"}</TableCell>
            </TableRow>
          ))}
          {rows.length === 0 ? <TableEmpty colSpan={9}>No imports yet.</TableEmpty> : null}
        </TableBody>
      </Table>
    </div>
  );
}
