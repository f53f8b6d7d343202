import "server-only";
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { z } from "zod";
import type { Db, Tx } from "@/db/connect";
import { clinics, patients, paymentCards, webhookReceipts } from "@/db/schema";
import { patientContactChanged } from "@/inngest/events";
import { recordAudit } from "@/lib/audit/record-audit";
import { runUseCase } from "@/lib/events/run-use-case";
import { cardConsentText } from "@/lib/payment-cards/consent-text";

/** A completed setup-mode Checkout Session, validated before anything is trusted. */
const setupSessionSchema = z.object({
  id: z.string().min(1).max(255),
  mode: z.literal("setup"),
  customer: z.union([z.string().min(1), z.object({ id: z.string().min(1) })]),
  setup_intent: z.union([z.string().min(1), z.object({ id: z.string().min(1) })]),
  metadata: z.object({
    clinicId: z.uuid(),
    patientId: z.uuid(),
    consentAt: z.iso.datetime(),
    consentIp: z.string().max(64).default(""),
  }),
});

const cardSchema = z.object({
  id: z.string().min(1),
  card: z.object({
    brand: z.string().min(1).max(32),
    last4: z.string().regex(/^\d{4}$/),
    exp_month: z.number().int().min(1).max(12),
    exp_year: z.number().int().min(2000).max(2100),
  }),
});

const idOf = (value: string | { id: string }) => (typeof value === "string" ? value : value.id);

/**
 * Saves the card of a completed setup session (from the signed webhook): the card's
 * display details come from Stripe's SetupIntent, the consent from what the patient agreed
 * to on our page. Once per event (webhook_receipts) and per session; a new card replaces
 * the old one; audited with the consent text, time and IP.
 */
export async function handleCardSetup(
  db: Db,
  stripe: Stripe,
  event: Stripe.Event,
): Promise<{ status: number; outcome: "recorded" | "duplicate" | "refused"; reason?: string }> {
  const parsed = setupSessionSchema.safeParse(event.data.object);
  if (!parsed.success) return { status: 422, outcome: "refused", reason: "invalid_metadata" };
  const session = parsed.data;
  const { clinicId, patientId } = session.metadata;
  const intent = await stripe.setupIntents.retrieve(idOf(session.setup_intent), { expand: ["payment_method"] });
  const method = cardSchema.safeParse(intent.payment_method);
  if (intent.status !== "succeeded" || !method.success) return { status: 422, outcome: "refused", reason: "no_card" };
  const card = method.data.card;
  const paymentMethodId = method.data.id;

  const { result } = await runUseCase(db, async (tx) => {
    const saved = await saveCard(tx);
    // A set waiting on "No card on file" is re-checked once the card is saved.
    const events = saved.outcome === "recorded" ? [patientContactChanged.create({ clinicId, patientId })] : [];
    return { result: saved, events };
  });
  return result;

  async function saveCard(tx: Tx) {
    const fresh = await tx
      .insert(webhookReceipts)
      .values({ provider: "stripe", eventKey: event.id })
      .onConflictDoNothing()
      .returning({ eventKey: webhookReceipts.eventKey });
    if (fresh.length === 0) return { status: 200, outcome: "duplicate" as const };
    const [owner] = await tx
      .select({ clinicName: clinics.name })
      .from(patients)
      .innerJoin(clinics, eq(clinics.id, patients.clinicId))
      .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)));
    if (!owner) return { status: 422, outcome: "refused" as const, reason: "patient_not_in_clinic" };

    const values = {
      clinicId,
      patientId,
      stripeCustomerId: idOf(session.customer),
      stripePaymentMethodId: paymentMethodId,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.exp_month,
      expYear: card.exp_year,
      consentText: cardConsentText(owner.clinicName),
      consentedAt: new Date(session.metadata.consentAt),
      consentIp: session.metadata.consentIp || null,
      setupSessionId: session.id,
    };
    const saved = await tx
      .insert(paymentCards)
      .values(values)
      .onConflictDoUpdate({ target: paymentCards.patientId, set: { ...values, createdAt: new Date() } })
      .returning({ id: paymentCards.id });
    await recordAudit(tx, {
      clinicId,
      actor: { kind: "patient", ip: values.consentIp },
      action: "payment_card.save",
      entityType: "patient",
      entityId: patientId,
      after: {
        cardId: saved[0]?.id,
        brand: card.brand,
        last4: card.last4,
        consentText: values.consentText,
        consentedAt: values.consentedAt.toISOString(),
        consentIp: values.consentIp,
      },
    });
    return { status: 200, outcome: "recorded" as const };
  }
}
