import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InvoiceStatusBadges } from "@/components/invoices/invoice-status-badge";
import { TakePaymentForm } from "@/components/patients/take-payment-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { calendarDateInZone, formatCalendarDate, formatDateInZone } from "@/lib/format/dates";
import { formatCents } from "@/lib/money";
import { getPatient } from "@/lib/patients/get-patient";
import { listOutstandingInvoices } from "@/lib/payments/list-outstanding-invoices";

export const metadata: Metadata = { title: "Take Payment" };

/** Take Payment (the "Take Payment" link of Invoice Management): one payment over the oldest invoices first. */
export default async function TakePaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff("invoices:write");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const { db } = await getDb();
  const patient = await getPatient(db, { clinicId: staff.clinicId, patientId: id.data });
  if (!patient) notFound();
  const outstanding = await listOutstandingInvoices(db, { clinicId: staff.clinicId, patientId: patient.id });
  const totalCents = outstanding.reduce((sum, invoice) => sum + Number(invoice.balanceCents), 0);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Take Payment">
        <Link className="text-sm text-blue-700 hover:underline" href={`/patients/${patient.id}`}>
          {patient.firstName} {patient.lastName} ({patient.externalId})
        </Link>
      </PageHeader>
      <Card aria-labelledby="outstanding-heading">
        <h2 id="outstanding-heading" className="mb-1 text-lg font-semibold">
          Outstanding invoices
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Total balance: <strong data-testid="outstanding-total">{formatCents(totalCents)}</strong>. A payment is
          applied to the oldest invoice first.
        </p>
        {outstanding.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing is owed.</p>
        ) : (
          <Table framed={false} aria-label="Outstanding invoices">
            <TableHeader>
              <TableRow>
                <TableHead>Invoice</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Issued</TableHead>
                <TableHead>Due</TableHead>
                <TableHead className="text-right">Total</TableHead>
                <TableHead className="text-right">Balance</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {outstanding.map((invoice) => (
                <TableRow key={invoice.id}>
                  <TableCell>
                    <Link className="text-blue-700 hover:underline" href={`/invoices/${invoice.id}`}>
                      #{invoice.number}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <InvoiceStatusBadges status={invoice.status} pastDue={invoice.pastDue} badDebt={invoice.badDebt} />
                  </TableCell>
                  <TableCell>{formatDateInZone(invoice.issuedAt, staff.clinicTimeZone)}</TableCell>
                  <TableCell>{formatCalendarDate(invoice.dueDate)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(invoice.totalCents)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(Number(invoice.balanceCents))}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      {totalCents > 0 ? (
        <Card aria-labelledby="payment-heading">
          <h2 id="payment-heading" className="mb-3 text-lg font-semibold">
            Payment
          </h2>
          <TakePaymentForm
            patientId={patient.id}
            today={calendarDateInZone(new Date(), staff.clinicTimeZone)}
            balance={formatCents(totalCents).replace("$", "")}
          />
        </Card>
      ) : null}
    </div>
  );
}
