import "server-only";
import type { Db } from "@/db/connect";
import { AppError } from "@/lib/errors";
import { resolvePatientLink } from "@/lib/patient-links/resolve-patient-link";
import { patientLinkUrl } from "@/lib/patient-links/tokens";
import { loadPaymentCard } from "@/lib/payment-cards/load-payment-card";
import { getStripe } from "./client";

/** What the webhook needs to save the card: who, and the consent given on our page. Stripe returns strings. */
export interface CardSetupMetadata {
  clinicId: string;
  patientId: string;
  invoiceSetId: string;
  consentAt: string;
  consentIp: string;
}

/**
 * Starts Stripe Checkout in setup mode for a verified patient who ticked the consent box:
 * the card is entered on Stripe's page, never ours. Nothing is saved here; the card lands
 * from the signed checkout.session.completed webhook, with the consent time and IP taken now.
 */
export async function createCardSetupSession(
  db: Db,
  params: { token: string; consentIp: string | null; now?: Date },
): Promise<{ url: string }> {
  const stripe = getStripe();
  if (!stripe) throw new AppError("unavailable", "Saving a card isn't available. Please call the clinic.");
  const resolved = await resolvePatientLink(db, params.token);
  if (resolved.state !== "ok") throw new AppError("not_found", "This link is no longer available.");
  const { link } = resolved;
  const existing = await loadPaymentCard(db, { clinicId: link.clinicId, patientId: link.patientId });

  const metadata: CardSetupMetadata = {
    clinicId: link.clinicId,
    patientId: link.patientId,
    invoiceSetId: link.invoiceSetId,
    consentAt: (params.now ?? new Date()).toISOString(),
    consentIp: params.consentIp ?? "",
  };
  const pageUrl = patientLinkUrl(params.token);
  const unavailable = (error: unknown) => {
    console.error("Stripe card setup could not be started", error instanceof Error ? error.message : error);
    throw new AppError("unavailable", "We couldn't start saving your card. Please try again in a minute.");
  };
  const customer =
    existing?.stripeCustomerId ??
    (
      await stripe.customers
        .create({ metadata: { clinicId: link.clinicId, patientId: link.patientId } })
        .catch(unavailable)
    ).id;
  const session = await stripe.checkout.sessions
    .create({
      mode: "setup",
      customer,
      currency: "usd",
      client_reference_id: link.patientId,
      metadata: { ...metadata },
      setup_intent_data: { metadata: { ...metadata } },
      success_url: `${pageUrl}?card=saved`,
      cancel_url: pageUrl,
    })
    .catch(unavailable);
  if (!session.url) throw new AppError("unavailable", "We couldn't start saving your card. Please try again.");
  return { url: session.url };
}
