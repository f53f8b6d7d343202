import { notFound } from "next/navigation";
import { z } from "zod";
import { AutoRefresh } from "@/components/patient-portal/auto-refresh";
import { getDb } from "@/db/client";
import { formatCents } from "@/lib/money";
import { findPatientLinkById } from "@/lib/patient-links/find-patient-link";
import { getCheckoutStatus } from "@/lib/patient-portal/get-checkout-status";
import { isBrowserVerified } from "@/lib/patient-portal/load-patient-link";

export const dynamic = "force-dynamic";

const sessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{1,250}$/);

/**
 * Where Stripe sends the patient back, by the link's opaque id (never its token). The
 * payment itself is recorded only by the signed webhook; until it lands this page says the
 * payment is being confirmed. It needs this browser's date-of-birth verification for the link.
 */
export default async function PaymentReturnPage({
  params,
  searchParams,
}: {
  params: Promise<{ linkId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ linkId }, query] = await Promise.all([params, searchParams]);
  const parsedId = z.uuid().safeParse(linkId);
  if (!parsedId.success || !(await isBrowserVerified(parsedId.data))) notFound();
  const { db } = await getDb();
  const link = await findPatientLinkById(db, parsedId.data);
  if (!link) notFound();
  if (query.cancelled === "1") {
    return (
      <section aria-labelledby="cancelled-heading" className="space-y-3">
        <h1 id="cancelled-heading" className="text-2xl font-semibold">
          Payment cancelled
        </h1>
        <p className="text-slate-700">Nothing was charged. To pay, open the link in your message again.</p>
      </section>
    );
  }
  const sessionId = sessionIdSchema.safeParse(query.session_id);
  if (!sessionId.success) notFound();
  const status = await getCheckoutStatus(db, {
    clinicId: link.clinicId,
    invoiceSetId: link.invoiceSetId,
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
        <p className="text-slate-700">Your balance with {link.clinicName} is paid in full. A receipt is on its way.</p>
      ) : (
        <p className="text-slate-700">
          Remaining balance: <strong>{formatCents(status.amountOutstandingCents)}</strong>. Open the link in your
          message again to see your statement.
        </p>
      )}
    </section>
  );
}
