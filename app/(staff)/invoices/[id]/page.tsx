import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InvoiceActions } from "@/components/invoices/invoice-actions";
import { InvoiceForm } from "@/components/invoices/invoice-form";
import { InvoiceHistory } from "@/components/invoices/invoice-history";
import { InvoiceStatusBadges } from "@/components/invoices/invoice-status-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import { calendarDateInZone, formatCalendarDate, formatDateInZone } from "@/lib/format/dates";
import { getInvoiceReview } from "@/lib/invoices/get-invoice-review";
import { listActiveClinicians } from "@/lib/invoices/list-clinicians";
import { formatCents } from "@/lib/money";
import { PAYMENT_METHOD_LABELS } from "@/lib/payments/payment-input";
import { allowedStaffInvoiceActions } from "@/lib/state-machine/invoice";

export const metadata: Metadata = { title: "Invoice" };

/** The invoice review screen (ui-contract.md); drafts are edited here too. */
export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const { db } = await getDb();
  const review = await getInvoiceReview(db, { clinicId: staff.clinicId, invoiceId: id.data });
  if (!review) notFound();
  const { invoice, patient, clinician, charges, payments, history } = review;
  const canWrite = roleAllows(staff.role, "invoices:write");
  const balanceCents = invoice.totalCents - invoice.paidCents;
  const allowed = canWrite
    ? allowedStaffInvoiceActions({
        status: invoice.status,
        balanceCents,
        paidCents: invoice.paidCents,
        badDebt: invoice.badDebt,
        pastDue: invoice.pastDue,
      })
    : [];
  const tz = staff.clinicTimeZone;
  const clinicians = invoice.status === "draft" && canWrite ? await listActiveClinicians(db, staff.clinicId) : [];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={`Invoice #${invoice.number}`}>
        <InvoiceStatusBadges status={invoice.status} pastDue={invoice.pastDue} badDebt={invoice.badDebt} />
      </PageHeader>
      {allowed.length > 0 ? (
        <InvoiceActions
          invoiceId={invoice.id}
          number={invoice.number}
          allowed={allowed}
          balanceCents={balanceCents}
          today={calendarDateInZone(new Date(), tz)}
        />
      ) : null}

      <Card>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
          <Detail label="Member">
            {patient ? (
              <Link className="text-blue-700 hover:underline" href={`/patients/${patient.id}`}>
                {patient.firstName} {patient.lastName}
              </Link>
            ) : (
              "—"
            )}
            {patient ? <span className="text-slate-500"> ({patient.externalId})</span> : null}
          </Detail>
          <Detail label="Clinician">
            {clinician ? `${clinician.name}${clinician.credentials ? `, ${clinician.credentials}` : ""}` : "—"}
          </Detail>
          <Detail label="Service date">{formatCalendarDate(invoice.serviceDate)}</Detail>
          <Detail label="Issued date">{formatDateInZone(invoice.issuedAt, tz)}</Detail>
          <Detail label="Due date">{formatCalendarDate(invoice.dueDate)}</Detail>
          <Detail label="Balance">
            <strong data-testid="invoice-balance">{formatCents(balanceCents)}</strong>
            <span className="text-slate-500"> of {formatCents(invoice.totalCents)}</span>
          </Detail>
          {invoice.status === "voided" ? <Detail label="Void reason">{invoice.voidReason ?? "—"}</Detail> : null}
        </dl>
      </Card>

      <Card aria-labelledby="charges-heading">
        <h2 id="charges-heading" className="mb-3 text-lg font-semibold">
          Charges
        </h2>
        {charges.length === 0 ? (
          <p className="text-sm text-slate-600">No charges yet.</p>
        ) : (
          <Table framed={false} aria-labelledby="charges-heading">
            <TableHeader>
              <TableRow>
                <TableHead>Code</TableHead>
                <TableHead>Description</TableHead>
                <TableHead className="text-right">Quantity</TableHead>
                <TableHead className="text-right">Unit price</TableHead>
                <TableHead className="text-right">Amount</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {charges.map((charge) => (
                <TableRow key={charge.id}>
                  <TableCell>{charge.code}</TableCell>
                  <TableCell>{charge.description}</TableCell>
                  <TableCell className="text-right tabular-nums">{charge.quantity}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(charge.unitPriceCents)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCents(charge.quantity * charge.unitPriceCents)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <TableHead scope="row" colSpan={4} className="text-right">
                  Total
                </TableHead>
                <TableCell className="text-right tabular-nums">{formatCents(invoice.totalCents)}</TableCell>
              </TableRow>
            </TableFooter>
          </Table>
        )}
      </Card>

      <Card aria-labelledby="payments-heading">
        <h2 id="payments-heading" className="mb-3 text-lg font-semibold">
          Payments
        </h2>
        {payments.length === 0 ? (
          <p className="text-sm text-slate-600">No payments yet.</p>
        ) : (
          <Table framed={false} aria-labelledby="payments-heading">
            <TableHeader>
              <TableRow>
                <TableHead>Date</TableHead>
                <TableHead>Method</TableHead>
                <TableHead>Reference</TableHead>
                <TableHead>Recorded by</TableHead>
                <TableHead className="text-right">Amount</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {payments.map((payment) => (
                <TableRow key={payment.id}>
                  <TableCell>{formatDateInZone(payment.receivedAt, tz)}</TableCell>
                  <TableCell>{PAYMENT_METHOD_LABELS[payment.method]}</TableCell>
                  <TableCell>{payment.reference ?? "—"}</TableCell>
                  <TableCell>{payment.recordedBy ?? "Online"}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(payment.amountCents)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>

      {invoice.status === "draft" && canWrite ? (
        <Card aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-3 text-lg font-semibold">
            Edit draft
          </h2>
          <InvoiceForm
            invoiceId={invoice.id}
            clinicians={clinicians}
            initial={{
              patient: patient
                ? { id: patient.id, name: `${patient.firstName} ${patient.lastName}`, externalId: patient.externalId }
                : null,
              clinicianId: invoice.clinicianId ?? "",
              serviceDate: invoice.serviceDate ?? "",
              dueDate: invoice.dueDate ?? "",
              notes: invoice.notes ?? "",
              charges: charges.map((charge) => ({
                rowId: charge.id,
                code: charge.code,
                description: charge.description,
                quantity: String(charge.quantity),
                unitPrice: formatCents(charge.unitPriceCents).replace("$", ""),
              })),
            }}
          />
        </Card>
      ) : null}

      <Card aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">
          History
        </h2>
        <InvoiceHistory history={history} timeZone={tz} />
      </Card>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
