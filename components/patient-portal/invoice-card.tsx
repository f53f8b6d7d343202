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

      <table className="mt-3 w-full text-sm">
        <caption className="sr-only">Charges and payments for invoice #{invoice.number}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700">
            <th scope="col" className="py-1 font-medium">
              Item
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.charges.map((charge, index) => (
            <tr key={`c${index}`} className="border-b border-slate-100">
              <td className="py-1 pr-2">
                {charge.description}
                {charge.quantity > 1 ? ` × ${charge.quantity}` : ""}
              </td>
              <td className="py-1 text-right tabular-nums">{formatCents(charge.amountCents)}</td>
            </tr>
          ))}
          {invoice.payments.map((payment, index) => (
            <tr key={`p${index}`} className="border-b border-slate-100 text-green-900">
              <td className="py-1 pr-2">
                Payment ({PAYMENT_METHOD_LABELS[payment.method]}), {formatDateInZone(payment.receivedAt, timeZone)}
              </td>
              <td className="py-1 text-right tabular-nums">−{formatCents(payment.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="text-slate-700">
            <th scope="row" className="pt-2 text-left font-medium">
              Charges
            </th>
            <td className="pt-2 text-right tabular-nums">{formatCents(invoice.totalCents)}</td>
          </tr>
          <tr className="text-slate-700">
            <th scope="row" className="text-left font-medium">
              Payments
            </th>
            <td className="text-right tabular-nums">
              {invoice.paidCents > 0 ? "−" : ""}
              {formatCents(invoice.paidCents)}
            </td>
          </tr>
          <tr>
            <th scope="row" className="text-left font-semibold">
              Balance
            </th>
            <td className="text-right font-semibold tabular-nums">{formatCents(invoice.balanceCents)}</td>
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
