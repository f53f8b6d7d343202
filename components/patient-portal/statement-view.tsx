import { formatCalendarDate, formatDateInZone } from "@/lib/format/dates";
import { formatPhone } from "@/lib/format/phone";
import { formatCents } from "@/lib/money";
import type { Statement } from "@/lib/patient-portal/get-statement";
import { InvoiceCard } from "./invoice-card";
import { PayForm } from "./pay-form";
import { PrintButton } from "./print-button";

/** The verified patient's statement: balance, how to pay, and every open invoice itemized. */
export function StatementView({
  statement,
  token,
  canPayOnline,
}: {
  statement: Statement;
  token: string;
  canPayOnline: boolean;
}) {
  const { clinic, patient, invoices, balanceCents } = statement;
  const today = formatDateInZone(new Date(), patient.timeZone);
  const nextDue =
    invoices
      .map((invoice) => invoice.dueDate)
      .filter((due): due is string => Boolean(due))
      .sort()[0] ?? null;
  return (
    <div className="space-y-6">
      <section aria-labelledby="statement-heading" className="space-y-1">
        <h1 id="statement-heading" className="text-2xl font-semibold">
          Statement from {clinic.name}
        </h1>
        <p className="text-slate-700">
          For {patient.firstName} {patient.lastName} · as of {today}
        </p>
        <address className="not-italic text-sm text-slate-700">
          {clinic.name}
          {clinic.phone ? <> · {formatPhone(clinic.phone)}</> : null}
          {clinic.email ? <> · {clinic.email}</> : null}
        </address>
      </section>

      <section aria-labelledby="balance-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="balance-heading" className="text-sm font-medium uppercase tracking-wide text-slate-700">
          Balance due
        </h2>
        <p className="mt-1 text-4xl font-bold tabular-nums" data-testid="balance-due">
          {formatCents(balanceCents)}
        </p>
        {nextDue && balanceCents > 0 ? (
          <p className="mt-1 text-sm text-slate-700">Due by {formatCalendarDate(nextDue)}</p>
        ) : null}
        {balanceCents === 0 ? (
          <p className="mt-2 font-medium text-green-800">Paid — nothing is owed on this statement.</p>
        ) : null}
      </section>

      {balanceCents > 0 ? (
        canPayOnline ? (
          <PayForm
            token={token}
            balanceCents={balanceCents}
            minimumCents={Math.min(clinic.minOnlinePaymentCents, balanceCents)}
          />
        ) : (
          <section
            aria-labelledby="how-to-pay-heading"
            className="rounded-lg border border-slate-200 bg-white p-4 print:hidden"
          >
            <h2 id="how-to-pay-heading" className="text-lg font-semibold">
              How to pay
            </h2>
            <p className="mt-2 text-slate-700">
              Online payment isn&apos;t available for this clinic yet. You can pay by phone
              {clinic.phone ? (
                <>
                  {" "}
                  at{" "}
                  <a className="font-medium text-blue-800 underline" href={`tel:${clinic.phone}`}>
                    {formatPhone(clinic.phone)}
                  </a>
                </>
              ) : null}
              , or in person at the front desk by card, cash or check.
            </p>
          </section>
        )
      ) : null}

      <section aria-labelledby="invoices-heading" className="space-y-3">
        <div className="flex items-center justify-between gap-3">
          <h2 id="invoices-heading" className="text-lg font-semibold">
            Invoices
          </h2>
          <PrintButton />
        </div>
        {invoices.length === 0 ? <p className="text-slate-700">There are no open invoices on this statement.</p> : null}
        {invoices.map((invoice) => (
          <InvoiceCard key={invoice.id} invoice={invoice} timeZone={patient.timeZone} />
        ))}
      </section>
    </div>
  );
}
