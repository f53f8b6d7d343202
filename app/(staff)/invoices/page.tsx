import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { InvoiceStatusBadges } from "@/components/invoices/invoice-status-badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
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
import { formatCalendarDate, formatDateInZone } from "@/lib/format/dates";
import { listInvoices } from "@/lib/invoices/list-invoices";
import { formatCents } from "@/lib/money";

export const metadata: Metadata = { title: "Invoices" };

const pageParams = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

/** Every invoice of the clinic, newest first, a page at a time. */
export default async function InvoicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff();
  const { before } = pageParams.parse(await searchParams);
  const { db } = await getDb();
  const { rows, nextBeforeNumber } = await listInvoices(db, { clinicId: staff.clinicId, beforeNumber: before });
  return (
    <div>
      <PageHeader title="Invoices">
        <Button asChild variant="secondary">
          <a href="/invoices/export" download>
            Export CSV
          </a>
        </Button>
        {roleAllows(staff.role, "invoices:write") ? (
          <Button asChild>
            <Link href="/invoices/new">New Invoice</Link>
          </Button>
        ) : null}
      </PageHeader>
      <Table aria-label="Invoices">
        <TableHeader>
          <TableRow>
            <TableHead>Invoice</TableHead>
            <TableHead>Patient</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Total</TableHead>
            <TableHead className="text-right">Balance</TableHead>
            <TableHead>Issued</TableHead>
            <TableHead>Due</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableCell>
                <Link className="text-blue-700 hover:underline" href={`/invoices/${row.id}`}>
                  #{row.number}
                </Link>
              </TableCell>
              <TableCell>{row.patientId ? `${row.patientFirstName} ${row.patientLastName}` : "—"}</TableCell>
              <TableCell>
                <InvoiceStatusBadges status={row.status} pastDue={row.pastDue} badDebt={row.badDebt} />
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCents(row.totalCents)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCents(row.balanceCents ?? 0)}</TableCell>
              <TableCell>{formatDateInZone(row.issuedAt, staff.clinicTimeZone)}</TableCell>
              <TableCell>{formatCalendarDate(row.dueDate)}</TableCell>
            </TableRow>
          ))}
          {rows.length === 0 ? <TableEmpty colSpan={7}>No invoices yet.</TableEmpty> : null}
        </TableBody>
      </Table>
      {before || nextBeforeNumber ? (
        <TablePagination>
          {before ? (
            <Button asChild variant="secondary" size="sm">
              <Link href="/invoices">Newest</Link>
            </Button>
          ) : null}
          {nextBeforeNumber ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={`/invoices?before=${nextBeforeNumber}`}>Next page</Link>
            </Button>
          ) : null}
        </TablePagination>
      ) : null}
    </div>
  );
}
