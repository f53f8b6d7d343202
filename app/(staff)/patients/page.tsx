import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { Input } from "@/components/ui/input";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TablePagination,
  TableRow,
} from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import { formatCalendarDate } from "@/lib/format/dates";
import { formatPhone } from "@/lib/format/phone";
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
  const canWrite = roleAllows(staff.role, "invoices:write");
  const query = q ? `q=${encodeURIComponent(q)}&` : "";
  return (
    <div>
      <PageHeader title="Patients">
        <Suspense>
          <ExportCsvLink href="/patients/export" />
        </Suspense>
        {canWrite ? (
          <Button asChild>
            <Link href="/patients/new">New Patient</Link>
          </Button>
        ) : null}
      </PageHeader>
      <search className="mb-4 block max-w-md">
        <form className="flex gap-2" action="/patients">
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
      </search>
      <Table aria-label="Patients">
        <TableHeader>
          <TableRow>
            <TableHead>Patient</TableHead>
            <TableHead>MRN</TableHead>
            <TableHead>Date of birth</TableHead>
            <TableHead>Phone</TableHead>
            <TableHead>Email</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableCell>
                <Link className="text-blue-700 hover:underline" href={`/patients/${row.id}`}>
                  {row.lastName}, {row.firstName}
                </Link>
              </TableCell>
              <TableCell>{row.externalId}</TableCell>
              <TableCell>{formatCalendarDate(row.dateOfBirth)}</TableCell>
              <TableCell>{row.phone ? formatPhone(row.phone) : "—"}</TableCell>
              <TableCell>{row.email ?? "—"}</TableCell>
            </TableRow>
          ))}
          {rows.length === 0 ? (
            <TableEmpty colSpan={5}>{q ? "No patients match your search." : "No patients yet."}</TableEmpty>
          ) : null}
        </TableBody>
      </Table>
      {after || nextAfter ? (
        <TablePagination>
          {after ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={`/patients?${query}`}>First page</Link>
            </Button>
          ) : null}
          {nextAfter ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={`/patients?${query}after=${nextAfter}`}>Next page</Link>
            </Button>
          ) : null}
        </TablePagination>
      ) : null}
    </div>
  );
}
