import "server-only";
import type { Db } from "@/db/connect";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { resolvePatientLink } from "@/lib/patient-links/resolve-patient-link";
import { getStatement } from "@/lib/patient-portal/get-statement";
import { checkPaymentAmount } from "@/lib/patient-portal/payment-amount";
import { getStripe } from "./client";

/** What the webhook checks a completed session against. Stripe returns metadata as strings. */
export interface CheckoutMetadata {
  clinicId: string;
  invoiceSetId: string;
  amountCents: string;
  patientLinkId: string;
}

/**
 * Starts a Stripe Checkout Session for the set's balance (or part of it). Nothing is
 * recorded here: the payment lands only from the signed checkout.session.completed webhook.
 */
export async function createCheckoutSession(
  db: Db,
  params: { token: string; requestedCents: number | null },
): Promise<{ url: string }> {
  const stripe = getStripe();
  if (!stripe) throw new AppError("unavailable", "Online payment isn't available. Please call the clinic to pay.");
  const resolved = await resolvePatientLink(db, params.token);
  if (resolved.state !== "ok") throw new AppError("not_found", "This link is no longer available.");
  const { link } = resolved;
  const statement = await getStatement(db, { clinicId: link.clinicId, invoiceSetId: link.invoiceSetId });
  if (!statement) throw new AppError("not_found", "This link is no longer available.");

  const amount = checkPaymentAmount({
    requestedCents: params.requestedCents,
    balanceCents: statement.balanceCents,
    minimumCents: statement.clinic.minOnlinePaymentCents,
  });
  if (!amount.ok) throw new AppError("invalid_input", amount.message, { amount: [amount.message] });

  const metadata: CheckoutMetadata = {
    clinicId: link.clinicId,
    invoiceSetId: link.invoiceSetId,
    amountCents: String(amount.amountCents),
    patientLinkId: link.id,
  };
  // Stripe gets the link's opaque id, never the patient's token.
  const returnUrl = new URL(`/p/checkout/${link.id}`, env().APP_URL).toString();
  const session = await stripe.checkout.sessions
    .create({
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: statement.clinic.currency.toLowerCase(),
            unit_amount: amount.amountCents,
            product_data: { name: `Payment to ${statement.clinic.name}` },
          },
        },
      ],
      client_reference_id: link.invoiceSetId,
      metadata: { ...metadata },
      payment_intent_data: { metadata: { ...metadata } },
      success_url: `${returnUrl}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${returnUrl}?cancelled=1`,
    })
    .catch((error: unknown) => {
      console.error("Stripe Checkout Session could not be created", error instanceof Error ? error.message : error);
      throw new AppError(
        "unavailable",
        "We couldn't start the online payment. Please try again in a minute, or call the clinic.",
      );
    });
  if (!session.url)
    throw new AppError("unavailable", "We couldn't start the online payment. Please try again in a minute.");
  return { url: session.url };
}
