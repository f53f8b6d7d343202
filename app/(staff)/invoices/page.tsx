import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { formatDay, formatMoment } from "@/components/invoices/format";
import { InvoiceStatusBadges } from "@/components/invoices/invoice-status-badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
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
  await recordView(db, staff, {
    action: VIEW_ACTIONS.invoiceList,
    entityType: "invoice",
    details: { shown: rows.length },
  });
  return (
    <div>
      <PageHeader title="Invoices">
        {roleAllows(staff.role, "invoices:write") ? (
          <Button asChild>
            <Link href="/invoices/new">New Invoice</Link>
          </Button>
        ) : null}
      </PageHeader>
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">Invoice</th>
              <th className="px-3 py-2">Patient</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2 text-right">Total</th>
              <th className="px-3 py-2 text-right">Balance</th>
              <th className="px-3 py-2">Issued</th>
              <th className="px-3 py-2">Due</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100">
                <td className="px-3 py-2">
                  <Link className="text-blue-700 hover:underline" href={`/invoices/${row.id}`}>
                    #{row.number}
                  </Link>
                </td>
                <td className="px-3 py-2">{row.patientId ? `${row.patientFirstName} ${row.patientLastName}` : "—"}</td>
                <td className="px-3 py-2">
                  <InvoiceStatusBadges status={row.status} pastDue={row.pastDue} badDebt={row.badDebt} />
                </td>
                <td className="px-3 py-2 text-right">{formatCents(row.totalCents)}</td>
                <td className="px-3 py-2 text-right">{formatCents(row.balanceCents ?? 0)}</td>
                <td className="px-3 py-2">{formatMoment(row.issuedAt, staff.clinicTimeZone)}</td>
                <td className="px-3 py-2">{formatDay(row.dueDate)}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-600">
                  No invoices yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </Card>
      <nav aria-label="Pagination" className="mt-4 flex gap-3 text-sm">
        {before ? (
          <Link className="text-blue-700 hover:underline" href="/invoices">
            Newest
          </Link>
        ) : null}
        {nextBeforeNumber ? (
          <Link className="text-blue-700 hover:underline" href={`/invoices?before=${nextBeforeNumber}`}>
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
