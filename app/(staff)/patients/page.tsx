import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { formatDay } from "@/components/invoices/format";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { getDb } from "@/db/client";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { requireStaff } from "@/lib/auth/guard";
import { listPatients } from "@/lib/patients/list-patients";

export const metadata: Metadata = { title: "Patients" };

const pageParams = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  after: z.uuid().optional().catch(undefined),
});

/** The clinic's patients by name; Search matches name, MRN or phone. */
export default async function PatientsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff();
  const { q, after } = pageParams.parse(await searchParams);
  const { db } = await getDb();
  const { rows, nextAfter } = await listPatients(db, { clinicId: staff.clinicId, query: q, after });
  await recordView(db, staff, {
    action: VIEW_ACTIONS.patientList,
    entityType: "patient",
    details: { query: q ?? null, shown: rows.length },
  });
  const query = q ? `q=${encodeURIComponent(q)}&` : "";
  return (
    <div>
      <PageHeader title="Patients" />
      <form role="search" className="mb-4 flex max-w-md gap-2" action="/patients">
        <label htmlFor="patient-search" className="sr-only">
          Search
        </label>
        <Input
          id="patient-search"
          name="q"
          type="search"
          placeholder="Name, MRN or phone"
          defaultValue={q ?? ""}
          aria-label="Search"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">Patient</th>
              <th className="px-3 py-2">MRN</th>
              <th className="px-3 py-2">Date of birth</th>
              <th className="px-3 py-2">Phone</th>
              <th className="px-3 py-2">Email</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100">
                <td className="px-3 py-2">
                  <Link className="text-blue-700 hover:underline" href={`/patients/${row.id}`}>
                    {row.lastName}, {row.firstName}
                  </Link>
                </td>
                <td className="px-3 py-2">{row.externalId}</td>
                <td className="px-3 py-2">{formatDay(row.dateOfBirth)}</td>
                <td className="px-3 py-2">{row.phone ?? "—"}</td>
                <td className="px-3 py-2">{row.email ?? "—"}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-600">
                  {q ? "No patients match your search." : "No patients yet."}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </Card>
      <nav aria-label="Pagination" className="mt-4 flex gap-3 text-sm">
        {after ? (
          <Link className="text-blue-700 hover:underline" href={`/patients?${query}`}>
            First page
          </Link>
        ) : null}
        {nextAfter ? (
          <Link className="text-blue-700 hover:underline" href={`/patients?${query}after=${nextAfter}`}>
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
