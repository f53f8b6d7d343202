import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoices, payments } from "@/db/schema";
import { createPatientLink } from "@/lib/patient-links/tokens";
import { createCheckoutSession } from "@/lib/stripe/create-checkout-session";
import { type FakeStripe, startFakeStripe } from "../e2e/patient/support/fake-stripe";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe({ port: 0, webhookUrl: "http://127.0.0.1:9/unused", webhookSecret: "whsec_unused" });
  // The real SDK, pointed at the local fake through STRIPE_API_ORIGIN (read on first env() call).
  process.env.APP_URL = "https://billing.example.test";
  process.env.STRIPE_SECRET_KEY = "sk_test_integration";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_integration";
  process.env.STRIPE_API_ORIGIN = fake.origin;
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

afterAll(async () => {
  await fake.close();
});

async function linkForBalance(totalCents: number) {
  const patient = await createTestPatient(database.db, clinic.clinicId);
  const set = await createTestInvoiceSet(database.db, clinic, {
    patientId: patient.id,
    amountOutstandingCents: totalCents,
  });
  await createTestInvoice(database.db, clinic, { patientId: patient.id, invoiceSetId: set.id, totalCents });
  const { token } = await createPatientLink(database.db, {
    clinicId: clinic.clinicId,
    invoiceSetId: set.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { token, set };
}

describe("Stripe Checkout Session", () => {
  test("is created for the chosen amount with the set in its metadata; nothing is recorded yet", async () => {
    const { token, set } = await linkForBalance(12345);
    const { url } = await createCheckoutSession(database.db, { token, requestedCents: 5000 });
    const session = [...fake.sessions.values()].find((candidate) => candidate.metadata.invoiceSetId === set.id);
    expect(url).toBe(session?.url);
    expect(session).toMatchObject({
      amount_total: 5000,
      currency: "usd",
      metadata: { clinicId: clinic.clinicId, invoiceSetId: set.id, amountCents: "5000" },
      success_url: `https://billing.example.test/p/checkout/${session?.metadata.patientLinkId}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `https://billing.example.test/p/checkout/${session?.metadata.patientLinkId}?cancelled=1`,
    });
    // No patient token leaves for Stripe.
    expect(JSON.stringify(session)).not.toContain(token);
    const recorded = await database.db
      .select()
      .from(payments)
      .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
      .where(eq(invoices.invoiceSetId, set.id));
    expect(recorded).toHaveLength(0);
  });

  test("refuses amounts under the clinic minimum or over the balance, before Stripe is asked", async () => {
    const { token } = await linkForBalance(3000);
    const before = fake.sessions.size;
    await expect(createCheckoutSession(database.db, { token, requestedCents: 50 })).rejects.toThrow(
      "The smallest online payment is $1.00.",
    );
    await expect(createCheckoutSession(database.db, { token, requestedCents: 3001 })).rejects.toThrow(
      "You can pay at most your balance, $30.00.",
    );
    await expect(createCheckoutSession(database.db, { token, requestedCents: null })).rejects.toThrow(
      "Enter an amount",
    );
    expect(fake.sessions.size).toBe(before);
  });

  test("refuses an unknown link", async () => {
    await expect(createCheckoutSession(database.db, { token: "B".repeat(43), requestedCents: 1000 })).rejects.toThrow(
      "no longer available",
    );
  });
});
