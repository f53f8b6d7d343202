import { asc, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { cardCharges, invoiceSets, invoices, paymentPlanInstallments, payments, timelineEvents } from "@/db/schema";
import { chargeCard } from "@/lib/card-charges/charge-card";
import { calendarDateInZone } from "@/lib/format/dates";
import { createPaymentPlan } from "@/lib/payment-plans/create-payment-plan";
import { handleStripeWebhook } from "@/lib/stripe/handle-stripe-webhook";
import { type FakeStripe, signedEventOf, startFakeStripe } from "../e2e/patient/support/fake-stripe";
import { saveTestCard, stripeAgainst } from "../support/card-fixtures";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

// payment_intent.succeeded / payment_intent.payment_failed for off-session charges of a card on
// file go through the one signed Stripe handler and are applied once.
const SECRET = "whsec_card_charge_webhook_0123456789";
let database: Database;
let clinic: TestClinic;
let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe({ port: 0, webhookUrl: "http://127.0.0.1:9/unused", webhookSecret: SECRET });
  stripe = stripeAgainst(fake);
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Card Webhook Clinic");
});
afterAll(() => fake.close());

async function owingSetWithCard(totalCents: number, card: "good" | "processing") {
  const set = await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: totalCents });
  await createTestInvoice(database.db, clinic, { patientId: set.patientId, invoiceSetId: set.id, totalCents });
  const paymentMethod = await saveTestCard(database.db, clinic, set.patientId);
  if (card === "processing") fake.processingPaymentMethods.add(paymentMethod);
  return { set, paymentMethod };
}

function chargeRequest(set: { id: string }, paymentMethod: string, amountCents: number) {
  return {
    clinicId: clinic.clinicId,
    invoiceSetId: set.id,
    amountCents,
    currency: "USD",
    customerId: "cus_test_on_file",
    paymentMethodId: paymentMethod,
    purpose: { kind: "rule_step" as const, ruleId: clinic.ruleIds[0] ?? "", cycle: 0 },
  };
}

async function deliver(type: string, intent: Record<string, unknown>, eventId?: string) {
  const event = signedEventOf(type, intent, SECRET, eventId);
  const result = await handleStripeWebhook(database.db, {
    stripe,
    rawBody: event.payload,
    signature: event.signature,
    webhookSecret: SECRET,
  });
  return { ...result, eventId: event.eventId };
}

function intentOf(paymentMethod: string) {
  const entry = [...fake.paymentIntents.entries()].find(([, intent]) => intent.payment_method === paymentMethod);
  if (!entry) throw new Error("no payment intent");
  return { id: entry[0], amount: entry[1].amount };
}

async function chargeOf(setId: string) {
  const [row] = await database.db.select().from(cardCharges).where(eq(cardCharges.invoiceSetId, setId));
  return row;
}

async function paymentsOn(setId: string) {
  return database.db
    .select({ amount: payments.amountCents, externalId: payments.externalId })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(eq(invoices.invoiceSetId, setId));
}

describe("Stripe webhook: off-session card charges", () => {
  test("a charge still processing is paid by payment_intent.succeeded; a replay or a second delivery pays nothing more", async () => {
    const { set, paymentMethod } = await owingSetWithCard(9000, "processing");
    expect(await chargeCard(database.db, stripe, chargeRequest(set, paymentMethod, 9000), new Date())).toBe("pending");
    const charge = await chargeOf(set.id);
    expect(charge?.status).toBe("pending");
    expect(await paymentsOn(set.id)).toEqual([]);

    const intent = intentOf(paymentMethod);
    const object = {
      id: intent.id,
      object: "payment_intent",
      amount: intent.amount,
      status: "succeeded",
      metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, cardChargeId: charge?.id },
    };
    const first = await deliver("payment_intent.succeeded", object);
    expect(first).toMatchObject({ status: 200, outcome: "recorded" });
    expect(await chargeOf(set.id)).toMatchObject({ status: "succeeded", paymentIntentId: intent.id });
    expect(await paymentsOn(set.id)).toEqual([{ amount: 9000, externalId: intent.id }]);
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row).toMatchObject({ status: "paid", amountOutstandingCents: 0 });

    expect(await deliver("payment_intent.succeeded", object, first.eventId)).toMatchObject({
      status: 200,
      outcome: "duplicate",
    });
    expect(await deliver("payment_intent.succeeded", object)).toMatchObject({ status: 200, outcome: "duplicate" });
    expect(await paymentsOn(set.id)).toHaveLength(1);
  });

  test("after the charge call's own answer recorded the payment, the webhook for it changes nothing", async () => {
    const { set, paymentMethod } = await owingSetWithCard(5000, "good");
    expect(await chargeCard(database.db, stripe, chargeRequest(set, paymentMethod, 2000), new Date())).toBe("recorded");
    const charge = await chargeOf(set.id);
    const intent = intentOf(paymentMethod);
    const result = await deliver("payment_intent.succeeded", {
      id: intent.id,
      object: "payment_intent",
      amount: 2000,
      metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, cardChargeId: charge?.id },
    });
    expect(result).toMatchObject({ status: 200, outcome: "duplicate" });
    expect(await paymentsOn(set.id)).toEqual([{ amount: 2000, externalId: intent.id }]);
  });

  test("payment_intent.payment_failed settles an autopay installment as failed, with the retry on the timeline", async () => {
    const { set, paymentMethod } = await owingSetWithCard(9000, "processing");
    const plan = await createPaymentPlan(
      database.db,
      { clinicId: clinic.clinicId, actor: { kind: "user", userId: clinic.users.biller.id } },
      {
        invoiceSetId: set.id,
        split: { kind: "count", count: 3 },
        frequency: "monthly",
        firstDueOn: calendarDateInZone(new Date(), "America/New_York"),
        downPaymentCents: 0,
        autopay: true,
      },
    );
    const [installment] = await database.db
      .select()
      .from(paymentPlanInstallments)
      .where(eq(paymentPlanInstallments.planId, plan.planId))
      .orderBy(asc(paymentPlanInstallments.seq));
    const request = {
      ...chargeRequest(set, paymentMethod, 3000),
      purpose: { kind: "installment" as const, installmentId: installment?.id ?? "" },
    };
    expect(await chargeCard(database.db, stripe, request, new Date())).toBe("pending");
    const charge = await chargeOf(set.id);
    const intent = intentOf(paymentMethod);
    const failed = await deliver("payment_intent.payment_failed", {
      id: intent.id,
      object: "payment_intent",
      amount: 3000,
      last_payment_error: { message: "Your card has insufficient funds." },
      metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, cardChargeId: charge?.id },
    });
    expect(failed).toMatchObject({ status: 200, outcome: "recorded" });
    expect(await chargeOf(set.id)).toMatchObject({
      status: "failed",
      failureMessage: "Your card has insufficient funds.",
    });
    const notes = await database.db
      .select({ summary: timelineEvents.summary })
      .from(timelineEvents)
      .where(eq(timelineEvents.invoiceSetId, set.id));
    expect(notes.map((n) => n.summary)).toContain(
      "Autopay of $30.00 failed (try 1 of 3): Your card has insufficient funds. Trying again in 3 days.",
    );
    expect(await paymentsOn(set.id)).toEqual([]);
  });

  test("a PaymentIntent the app did not make (e.g. Checkout's own) is acknowledged and ignored", async () => {
    const result = await deliver("payment_intent.succeeded", {
      id: "pi_test_checkout",
      object: "payment_intent",
      amount: 1000,
      metadata: {},
    });
    expect(result).toMatchObject({ status: 200, outcome: "ignored", reason: "not_a_card_charge" });
  });
});
