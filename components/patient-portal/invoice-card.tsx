import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCalendarDate, formatDateInZone } from "@/lib/format/dates";
import { formatCents } from "@/lib/money";
import type { StatementInvoice } from "@/lib/patient-portal/get-statement";
import { PAYMENT_METHOD_LABELS } from "@/lib/payments/payment-input";

/** One invoice: service date, clinician, its charges, payments so far and what is left. */
export function InvoiceCard({ invoice, timeZone }: { invoice: StatementInvoice; timeZone: string }) {
  const headingId = `invoice-${invoice.id}`;
  return (
    <article aria-labelledby={headingId} className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={headingId} className="text-base font-semibold">
        Invoice #{invoice.number}
      </h3>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-700">Service date</dt>
        <dd>{formatCalendarDate(invoice.serviceDate)}</dd>
        <dt className="text-slate-700">Clinician</dt>
        <dd>{invoice.clinicianName ?? "—"}</dd>
        {invoice.dueDate ? (
          <>
            <dt className="text-slate-700">Due date</dt>
            <dd>{formatCalendarDate(invoice.dueDate)}</dd>
          </>
        ) : null}
      </dl>

      <Table framed={false} frameClassName="mt-3">
        <caption className="sr-only">Charges and payments for invoice #{invoice.number}</caption>
        <TableHeader className="bg-transparent text-sm text-slate-700">
          <TableRow>
            <TableHead>Item</TableHead>
            <TableHead className="text-right">Amount</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {invoice.charges.map((charge) => (
            <TableRow key={charge.id}>
              <TableCell>
                {charge.description}
                {charge.quantity > 1 ? ` × ${charge.quantity}` : ""}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCents(charge.amountCents)}</TableCell>
            </TableRow>
          ))}
          {invoice.payments.map((payment) => (
            <TableRow key={payment.id} className="text-green-900">
              <TableCell>
                Payment ({PAYMENT_METHOD_LABELS[payment.method]}), {formatDateInZone(payment.receivedAt, timeZone)}
              </TableCell>
              <TableCell className="text-right tabular-nums">−{formatCents(payment.amountCents)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter className="text-slate-700">
          <TableRow className="border-slate-200">
            <TableHead scope="row">Charges</TableHead>
            <TableCell className="text-right tabular-nums">{formatCents(invoice.totalCents)}</TableCell>
          </TableRow>
          <TableRow className="border-t-0">
            <TableHead scope="row">Payments</TableHead>
            <TableCell className="text-right tabular-nums">
              {invoice.paidCents > 0 ? "−" : ""}
              {formatCents(invoice.paidCents)}
            </TableCell>
          </TableRow>
          <TableRow className="border-t-0 text-slate-900">
            <TableHead scope="row" className="font-semibold">
              Balance
            </TableHead>
            <TableCell className="text-right font-semibold tabular-nums">{formatCents(invoice.balanceCents)}</TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </article>
  );
}
