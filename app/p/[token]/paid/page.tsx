import { notFound } from "next/navigation";
import { z } from "zod";
import { AutoRefresh } from "@/components/patient-portal/auto-refresh";
import { getDb } from "@/db/client";
import { formatCents } from "@/lib/money";
import { getCheckoutStatus } from "@/lib/patient-portal/get-checkout-status";
import { isBrowserVerified, loadPatientLink } from "@/lib/patient-portal/load-patient-link";

export const dynamic = "force-dynamic";

const sessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{1,250}$/);

/**
 * Where Stripe sends the patient back. The payment itself is recorded only by the signed
 * webhook; until it lands this page says the payment is being confirmed. A paid set's link
 * is revoked, so this page needs the browser's verification, not a usable link.
 */
export default async function PaymentReturnPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ token }, query] = await Promise.all([params, searchParams]);
  const sessionId = sessionIdSchema.safeParse(query.session_id);
  const resolved = await loadPatientLink(token);
  if (resolved.state === "unknown" || !sessionId.success) notFound();
  if (!(await isBrowserVerified(resolved.link.id))) notFound();

  const { db } = await getDb();
  const status = await getCheckoutStatus(db, {
    clinicId: resolved.link.clinicId,
    invoiceSetId: resolved.link.invoiceSetId,
    checkoutSessionId: sessionId.data,
  });
  if (!status) notFound();

  if (status.recordedCents === null) {
    return (
      <section aria-labelledby="confirming-heading" className="space-y-3" aria-live="polite">
        <h1 id="confirming-heading" className="text-2xl font-semibold">
          We&apos;re confirming your payment
        </h1>
        <p className="text-slate-700">
          This usually takes a few seconds. This page updates by itself; you don&apos;t need to pay again.
        </p>
        <AutoRefresh seconds={3} />
      </section>
    );
  }

  const paidInFull = status.setStatus === "paid";
  return (
    <section aria-labelledby="paid-heading" className="space-y-3">
      <h1 id="paid-heading" className="text-2xl font-semibold">
        {paidInFull ? "Paid" : "Payment received"}
      </h1>
      <p className="text-lg text-slate-800">
        Thank you. We received your payment of {formatCents(status.recordedCents)}.
      </p>
      {paidInFull ? (
        <p className="text-slate-700">
          Your balance with {resolved.clinic.name} is paid in full. A receipt is on its way.
        </p>
      ) : (
        <p className="text-slate-700">
          Remaining balance: <strong>{formatCents(status.amountOutstandingCents)}</strong>.{" "}
          {resolved.state === "ok" ? (
            <a className="font-medium text-blue-800 underline" href={`/p/${token}`}>
              Back to your statement
            </a>
          ) : null}
        </p>
      )}
    </section>
  );
}
