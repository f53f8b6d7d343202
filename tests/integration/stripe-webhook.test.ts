import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { beforeAll, describe, expect, test } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, invoices, patientLinks, payments, webhookReceipts } from "@/db/schema";
import { createPatientLink } from "@/lib/patient-links/tokens";
import { handleStripeWebhook } from "@/lib/stripe/handle-stripe-webhook";
import { type FakeCheckoutSession, signedStripeEvent } from "../e2e/patient/support/fake-stripe";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

const SECRET = "whsec_integration_secret_0123456789";
// Read on the first env() call; the route below uses them.
process.env.STRIPE_SECRET_KEY = "sk_test_integration";
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
process.env.STRIPE_API_ORIGIN = "http://127.0.0.1:9";
const stripe = new Stripe("sk_test_integration", { host: "127.0.0.1", port: 9, protocol: "http" });
let database: Database;
let clinic: TestClinic;
let otherClinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  otherClinic = await createTestClinic(database.db, "Other Clinic");
});

/** A patient with an open set of two invoices (older $60, newer $40) and a live link. */
async function openSet() {
  const patient = await createTestPatient(database.db, clinic.clinicId);
  const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id, amountOutstandingCents: 10000 });
  const older = await createTestInvoice(database.db, clinic, {
    patientId: patient.id,
    invoiceSetId: set.id,
    totalCents: 6000,
    issuedAt: new Date("2026-09-01T12:00:00Z"),
  });
  const newer = await createTestInvoice(database.db, clinic, {
    patientId: patient.id,
    invoiceSetId: set.id,
    totalCents: 4000,
    issuedAt: new Date("2026-10-01T12:00:00Z"),
  });
  await createPatientLink(database.db, {
    clinicId: clinic.clinicId,
    invoiceSetId: set.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { patient, set, older, newer };
}

function session(overrides: Partial<FakeCheckoutSession> & { metadata: Record<string, string> }): FakeCheckoutSession {
  return {
    id: `cs_test_${Math.random().toString(16).slice(2)}`,
    object: "checkout.session",
    mode: "payment",
    status: "complete",
    payment_status: "paid",
    amount_total: Number(overrides.metadata.amountCents),
    currency: "usd",
    client_reference_id: null,
    payment_intent: "pi_test_123",
    success_url: "http://localhost/p/x/paid",
    cancel_url: "http://localhost/p/x",
    url: "http://localhost/c/pay",
    ...overrides,
  };
}

const deliver = (payload: string, signature: string | null) =>
  handleStripeWebhook(database.db, { stripe, rawBody: payload, signature, webhookSecret: SECRET });

async function paymentsFor(setInvoiceIds: string[]) {
  const rows = await database.db.select().from(payments);
  return rows.filter((row) => setInvoiceIds.includes(row.invoiceId));
}

describe("Stripe checkout.session.completed webhook", () => {
  test("a signed event pays oldest-first, closes the set as Paid and revokes its links; a replay changes nothing", async () => {
    const { set, older, newer } = await openSet();
    const completed = session({ metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, amountCents: "10000" } });
    const event = signedStripeEvent(completed, SECRET);

    expect(await deliver(event.payload, event.signature)).toEqual({ status: 200, outcome: "recorded" });
    const recorded = await paymentsFor([older.id, newer.id]);
    expect(recorded.map((row) => [row.invoiceId, row.amountCents, row.method, row.externalId])).toEqual(
      expect.arrayContaining([
        [older.id, 6000, "card", completed.id],
        [newer.id, 4000, "card", completed.id],
      ]),
    );
    const [after] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(after).toMatchObject({ status: "paid", amountOutstandingCents: 0 });
    const statuses = await database.db
      .select({ status: invoices.status })
      .from(invoices)
      .where(eq(invoices.invoiceSetId, set.id));
    expect(statuses.map((row) => row.status)).toEqual(["paid", "paid"]);
    const links = await database.db
      .select({ revokedAt: patientLinks.revokedAt })
      .from(patientLinks)
      .where(eq(patientLinks.invoiceSetId, set.id));
    expect(links.every((link) => link.revokedAt !== null)).toBe(true);

    // The same event again, and a second event id for the same session: both pay nothing.
    expect(await deliver(event.payload, event.signature)).toEqual({ status: 200, outcome: "duplicate" });
    const secondEvent = signedStripeEvent(completed, SECRET);
    expect(await deliver(secondEvent.payload, secondEvent.signature)).toEqual({ status: 200, outcome: "duplicate" });
    expect(await paymentsFor([older.id, newer.id])).toHaveLength(2);
  });

  test("a forged or unsigned event is refused with 400 and changes nothing", async () => {
    const { set, older, newer } = await openSet();
    const completed = session({ metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, amountCents: "10000" } });
    const forged = signedStripeEvent(completed, "whsec_not_the_real_secret");
    expect(await deliver(forged.payload, forged.signature)).toEqual({ status: 400, outcome: "invalid_signature" });

    const genuine = signedStripeEvent(completed, SECRET);
    const tampered = genuine.payload.replace('"amount_total":10000', '"amount_total":1');
    expect(await deliver(tampered, genuine.signature)).toEqual({ status: 400, outcome: "invalid_signature" });
    expect(await deliver(genuine.payload, null)).toEqual({ status: 400, outcome: "invalid_signature" });

    expect(await paymentsFor([older.id, newer.id])).toHaveLength(0);
    const receipts = await database.db
      .select()
      .from(webhookReceipts)
      .where(and(eq(webhookReceipts.provider, "stripe"), eq(webhookReceipts.eventKey, forged.eventId)));
    expect(receipts).toHaveLength(0);
    const [after] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(after).toMatchObject({ status: "active", amountOutstandingCents: 10000 });
  });

  test("an amount that does not match what was asked is refused and logged to the audit log", async () => {
    const { set, older, newer } = await openSet();
    const mismatched = session({
      amount_total: 2500,
      metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, amountCents: "10000" },
    });
    const event = signedStripeEvent(mismatched, SECRET);
    expect(await deliver(event.payload, event.signature)).toEqual({
      status: 422,
      outcome: "refused",
      reason: "amount_mismatch",
    });
    expect(await paymentsFor([older.id, newer.id])).toHaveLength(0);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "stripe.checkout_refused"), eq(auditLog.entityId, set.id)));
    expect(audit?.after).toMatchObject({
      reason: "amount_mismatch",
      expectedCents: 10000,
      receivedCents: 2500,
      checkoutSessionId: mismatched.id,
    });
    // Stripe's retry of the same event is recognised and changes nothing either.
    expect(await deliver(event.payload, event.signature)).toEqual({ status: 200, outcome: "duplicate" });
  });

  test("a set named under another clinic, or more than is owed, is refused and logged", async () => {
    const { set, older, newer } = await openSet();
    const wrongClinic = session({
      metadata: { clinicId: otherClinic.clinicId, invoiceSetId: set.id, amountCents: "10000" },
    });
    const first = signedStripeEvent(wrongClinic, SECRET);
    expect(await deliver(first.payload, first.signature)).toMatchObject({ status: 422, reason: "set_not_in_clinic" });
    const [logged] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, otherClinic.clinicId), eq(auditLog.action, "stripe.checkout_refused")));
    expect(logged?.after).toMatchObject({ reason: "set_not_in_clinic" });

    const tooMuch = session({ metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, amountCents: "15000" } });
    const second = signedStripeEvent(tooMuch, SECRET);
    expect(await deliver(second.payload, second.signature)).toMatchObject({
      status: 422,
      reason: "payment_not_applicable",
    });
    expect(await paymentsFor([older.id, newer.id])).toHaveLength(0);
    const [after] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(after).toMatchObject({ status: "active", amountOutstandingCents: 10000 });
  });

  test("a part payment leaves the set open with the rest outstanding", async () => {
    const { set, older, newer } = await openSet();
    const part = session({ metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, amountCents: "7000" } });
    const event = signedStripeEvent(part, SECRET);
    expect((await deliver(event.payload, event.signature)).outcome).toBe("recorded");
    const rows = await database.db
      .select({ id: invoices.id, status: invoices.status, paidCents: invoices.paidCents })
      .from(invoices)
      .where(eq(invoices.invoiceSetId, set.id));
    expect(rows.find((row) => row.id === older.id)).toMatchObject({ status: "paid", paidCents: 6000 });
    expect(rows.find((row) => row.id === newer.id)).toMatchObject({ status: "partially_paid", paidCents: 1000 });
    const [after] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(after).toMatchObject({ status: "active", amountOutstandingCents: 3000 });
  });

  test("the route reads the raw body: forged → 400, signed → 200", async () => {
    const { set } = await openSet();
    const completed = session({ metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, amountCents: "10000" } });
    const post = (payload: string, signature: string) =>
      POST(
        new Request("http://localhost/api/webhooks/stripe", {
          method: "POST",
          body: payload,
          headers: { "stripe-signature": signature, "content-type": "application/json" },
        }),
      );
    const forged = signedStripeEvent(completed, "whsec_forged");
    const refused = await post(forged.payload, forged.signature);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ received: false, outcome: "invalid_signature" });
    const genuine = signedStripeEvent(completed, SECRET);
    const accepted = await post(genuine.payload, genuine.signature);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ received: true, outcome: "recorded" });
    const [after] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(after?.status).toBe("paid");
  });
});
