import http from "node:http";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import type { Database } from "@/db/connect";
import { auditLog, paymentCards } from "@/db/schema";
import { createPatientLink } from "@/lib/patient-links/tokens";
import { describePaymentCard, loadPaymentCard } from "@/lib/payment-cards/load-payment-card";
import { removePaymentCard } from "@/lib/payment-cards/remove-payment-card";
import { createCardSetupSession } from "@/lib/stripe/create-card-setup-session";
import { type FakeStripe, startFakeStripe } from "../e2e/patient/support/fake-stripe";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

const SECRET = "whsec_card_on_file_0123456789";
let database: Database;
let clinic: TestClinic;
let fake: FakeStripe;
let relay: http.Server;

beforeAll(async () => {
  // The app's webhook route behind a local HTTP server, so the fake Stripe delivers real signed events to it.
  relay = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = await POST(
      new Request("http://app.test/api/webhooks/stripe", {
        method: "POST",
        headers: { "stripe-signature": String(req.headers["stripe-signature"] ?? "") },
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(await reply.text());
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const address = relay.address();
  const port = address && typeof address === "object" ? address.port : 0;
  fake = await startFakeStripe({ port: 0, webhookUrl: `http://127.0.0.1:${port}/`, webhookSecret: SECRET });
  process.env.STRIPE_SECRET_KEY = "sk_test_card_on_file";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_ORIGIN = fake.origin;
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Bright Smile Dental & Medical");
});

afterAll(async () => {
  await fake.close();
  await new Promise<void>((resolve) => relay.close(() => resolve()));
});

async function patientWithLink() {
  const patient = await createTestPatient(database.db, clinic.clinicId);
  const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id });
  const { token } = await createPatientLink(database.db, {
    clinicId: clinic.clinicId,
    invoiceSetId: set.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { patient, token };
}

describe("card on file through Stripe Checkout in setup mode", () => {
  test("the patient's consent travels with the session; the signed webhook saves the card with it", async () => {
    const { patient, token } = await patientWithLink();
    const consentAt = new Date("2026-11-03T15:00:00Z");
    const { url } = await createCardSetupSession(database.db, { token, consentIp: "203.0.113.7", now: consentAt });
    const session = [...fake.sessions.values()].find((s) => s.metadata.patientId === patient.id);
    expect(session).toMatchObject({ mode: "setup", url, metadata: { consentIp: "203.0.113.7" } });
    expect(session?.customer).toMatch(/^cus_test_/);
    expect(await loadPaymentCard(database.db, { clinicId: clinic.clinicId, patientId: patient.id })).toBeNull();

    // The patient enters the card on Stripe's page; Stripe sends the signed event.
    const page = await fetch(url, { method: "POST", redirect: "manual" });
    expect(page.status).toBe(303);
    expect(fake.deliveries.at(-1)?.status).toBe(200);

    const card = await loadPaymentCard(database.db, { clinicId: clinic.clinicId, patientId: patient.id });
    expect(card).toMatchObject({ brand: "visa", last4: "4242", expMonth: 4, expYear: 2028, consentIp: "203.0.113.7" });
    expect(card?.consentText).toMatch(/^I authorise Bright Smile Dental & Medical to charge this card for /);
    expect(card?.consentedAt.toISOString()).toBe(consentAt.toISOString());
    if (!card) throw new Error("no card");
    expect(describePaymentCard(card, "America/New_York")).toBe("Visa •••• 4242, exp 04/28, consented Nov 3, 2026");
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, patient.id), eq(auditLog.action, "payment_card.save")));
    expect(audit).toMatchObject({ actorKind: "patient", ip: "203.0.113.7" });
    expect(audit?.after).toMatchObject({ last4: "4242", consentIp: "203.0.113.7" });
  });

  test("a second card replaces the first and reuses the Stripe customer", async () => {
    const { patient, token } = await patientWithLink();
    const first = await createCardSetupSession(database.db, { token, consentIp: null });
    await fetch(first.url, { method: "POST", redirect: "manual" });
    const customersBefore = fake.customers.size;
    const second = await createCardSetupSession(database.db, { token, consentIp: null });
    expect(fake.customers.size).toBe(customersBefore);
    await fetch(second.url, { method: "POST", redirect: "manual" });
    const rows = await database.db.select().from(paymentCards).where(eq(paymentCards.patientId, patient.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.setupSessionId).toBe(second.url.split("/").at(-1));
  });

  test("staff remove the card: gone, audited with what it was; removing again says there is none", async () => {
    const { patient, token } = await patientWithLink();
    const { url } = await createCardSetupSession(database.db, { token, consentIp: null });
    await fetch(url, { method: "POST", redirect: "manual" });
    const staff = { clinicId: clinic.clinicId, actor: { kind: "user" as const, userId: clinic.users.biller.id } };
    await removePaymentCard(database.db, staff, patient.id);
    expect(await loadPaymentCard(database.db, { clinicId: clinic.clinicId, patientId: patient.id })).toBeNull();
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, patient.id), eq(auditLog.action, "payment_card.remove")));
    expect(audit?.before).toMatchObject({ brand: "visa", last4: "4242" });
    await expect(removePaymentCard(database.db, staff, patient.id)).rejects.toThrow(
      "This patient has no card on file.",
    );
  });

  test("another clinic's staff cannot remove it", async () => {
    const { patient, token } = await patientWithLink();
    const { url } = await createCardSetupSession(database.db, { token, consentIp: null });
    await fetch(url, { method: "POST", redirect: "manual" });
    const other = await createTestClinic(database.db, "Other Clinic");
    await expect(
      removePaymentCard(
        database.db,
        { clinicId: other.clinicId, actor: { kind: "user", userId: other.users.admin.id } },
        patient.id,
      ),
    ).rejects.toThrow("This patient has no card on file.");
    expect(await loadPaymentCard(database.db, { clinicId: clinic.clinicId, patientId: patient.id })).not.toBeNull();
  });
});
