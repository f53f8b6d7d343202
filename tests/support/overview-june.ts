import { beforeAll } from "vitest";
import type { Database, Executor } from "@/db/connect";
import { invoices, messages, payments, timelineEvents } from "@/db/schema";
import { type OverviewRange, overviewRange } from "@/lib/overview/overview-range";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "./fixtures";
import { testDatabase } from "./test-db";

// A hand-made June 2026 (clinic in New York) for the Overview's tests; every figure they
// expect is worked out by hand from the sets below.
export const at = (iso: string) => new Date(iso);

async function message(
  db: Executor,
  clinic: TestClinic,
  setId: string,
  ruleId: string | undefined,
  step: number,
  channel: "sms" | "email",
  sentAt: string,
  status: "delivered" | "bounced",
) {
  await db.insert(messages).values({
    clinicId: clinic.clinicId,
    invoiceSetId: setId,
    ruleId: ruleId ?? null,
    stepIndex: step,
    channel,
    transport: "outbox",
    destination: channel === "sms" ? "+15555550100" : "pat@example.com",
    body: "Hi, you have a balance. Pay here: https://example.com/p/x",
    status,
    sentAt: at(sentAt),
    createdAt: at(sentAt),
  });
}

async function event(
  db: Executor,
  clinic: TestClinic,
  setId: string,
  kind: "link_opened" | "identity_check",
  summary: string,
  occurredAt: string,
) {
  await db.insert(timelineEvents).values({
    clinicId: clinic.clinicId,
    invoiceSetId: setId,
    kind,
    actorKind: "patient",
    summary,
    occurredAt: at(occurredAt),
  });
}

async function payment(
  db: Executor,
  clinic: TestClinic,
  set: { id: string; patientId: string },
  cents: number,
  receivedAt: string,
) {
  const [invoice] = await db
    .insert(invoices)
    .values({
      clinicId: clinic.clinicId,
      number: Math.floor(Math.random() * 1e9),
      status: "paid",
      patientId: set.patientId,
      invoiceSetId: set.id,
      totalCents: cents,
      paidCents: cents,
    })
    .returning({ id: invoices.id });
  if (!invoice) throw new Error("no invoice");
  await db.insert(payments).values({
    clinicId: clinic.clinicId,
    invoiceId: invoice.id,
    method: "card",
    amountCents: cents,
    receivedAt: at(receivedAt),
  });
}

/** A fresh test database with the June clinic, made before the file's tests (read its fields inside them). */
export function withJuneClinic() {
  const june = {} as { database: Database; clinic: TestClinic; range: OverviewRange };
  beforeAll(async () => {
    june.database = await testDatabase();
    Object.assign(june, await seedJuneClinic(june.database.db));
  });
  return june;
}

/**
 * The June clinic: six sets (S1–S6) with their messages, patient visits and payments, and
 * another clinic's busy set that must not show anywhere. Returns the clinic and June as the
 * Overview's period.
 */
export async function seedJuneClinic(db: Executor): Promise<{ clinic: TestClinic; range: OverviewRange }> {
  const clinic = await createTestClinic(db);
  const other = await createTestClinic(db, "Other Clinic");
  const [day0, day7] = clinic.ruleIds;
  const range = overviewRange(
    { from: "2026-06-01", to: "2026-06-30" },
    { clinicId: clinic.clinicId, timeZone: "America/New_York" },
    at("2026-06-30T16:00:00Z"),
  );

  // S1: active, 10 days old; texted and emailed (the email bounced); link opened.
  const s1 = await createTestInvoiceSet(db, clinic, {
    amountOutstandingCents: 10000,
    createdAt: at("2026-06-20T15:00:00Z"),
  });
  await message(db, clinic, s1.id, day0, 0, "sms", "2026-06-20T15:00:00Z", "delivered");
  await message(db, clinic, s1.id, day0, 0, "email", "2026-06-20T15:00:00Z", "bounced");
  await event(db, clinic, s1.id, "link_opened", "Payment link opened", "2026-06-21T12:00:00Z");
  // S2: active, 51 days old (started before the period); its day-7 text went out in June.
  const s2 = await createTestInvoiceSet(db, clinic, {
    amountOutstandingCents: 5000,
    createdAt: at("2026-05-10T15:00:00Z"),
  });
  await message(db, clinic, s2.id, day7, 1, "sms", "2026-06-05T15:00:00Z", "delivered");
  await payment(db, clinic, s2, 1500, "2026-05-20T15:00:00Z");
  // S3: expired, 121 days old.
  await createTestInvoiceSet(db, clinic, {
    status: "expired",
    amountOutstandingCents: 2500,
    createdAt: at("2026-03-01T15:00:00Z"),
  });
  // S4: paid after the day-7 text, 10 days after it started.
  const s4 = await createTestInvoiceSet(db, clinic, {
    status: "paid",
    amountOutstandingCents: 0,
    createdAt: at("2026-06-02T14:00:00Z"),
    closedAt: at("2026-06-12T14:00:00Z"),
  });
  await message(db, clinic, s4.id, day0, 0, "sms", "2026-06-02T14:00:00Z", "delivered");
  await message(db, clinic, s4.id, day7, 1, "sms", "2026-06-09T14:00:00Z", "delivered");
  await event(db, clinic, s4.id, "link_opened", "Payment link opened", "2026-06-09T15:00:00Z");
  await event(db, clinic, s4.id, "identity_check", "Identity confirmed: date of birth matched", "2026-06-09T15:05:00Z");
  await payment(db, clinic, s4, 8000, "2026-06-12T14:00:00Z");
  // S5: paid 4 days after the day-0 email; a wrong date of birth first (not a confirmation).
  const s5 = await createTestInvoiceSet(db, clinic, {
    status: "paid",
    amountOutstandingCents: 0,
    createdAt: at("2026-06-03T14:00:00Z"),
    closedAt: at("2026-06-07T14:00:00Z"),
  });
  await message(db, clinic, s5.id, day0, 0, "email", "2026-06-03T14:00:00Z", "delivered");
  await event(db, clinic, s5.id, "link_opened", "Payment link opened", "2026-06-04T14:00:00Z");
  await event(
    db,
    clinic,
    s5.id,
    "identity_check",
    "Date of birth did not match (4 tries left)",
    "2026-06-04T14:01:00Z",
  );
  await payment(db, clinic, s5, 3000, "2026-06-07T14:00:00Z");
  // S6: cancelled in June, no messages.
  await createTestInvoiceSet(db, clinic, {
    status: "cancelled",
    amountOutstandingCents: 4000,
    createdAt: at("2026-06-15T14:00:00Z"),
  });
  // Another clinic's busy set must not show anywhere.
  const foreign = await createTestInvoiceSet(db, other, {
    amountOutstandingCents: 99900,
    createdAt: at("2026-06-20T15:00:00Z"),
  });
  await db.insert(messages).values({
    clinicId: other.clinicId,
    invoiceSetId: foreign.id,
    ruleId: other.ruleIds[0] ?? null,
    stepIndex: 0,
    channel: "sms",
    transport: "outbox",
    destination: "+15555550199",
    body: "Hi",
    status: "delivered",
    sentAt: at("2026-06-20T15:00:00Z"),
  });
  return { clinic, range };
}

// S1's first open counts for both channels (both messaged it before), S4's for text, S5's for
// email; S5's wrong date of birth is no confirmation; S4 paid after texts, S5 after an email.
export const JUNE_FUNNEL = [
  { channel: "sms", sent: 4, delivered: 4, linkOpened: 2, identityConfirmed: 1, paid: 1 },
  { channel: "email", sent: 2, delivered: 1, linkOpened: 2, identityConfirmed: 0, paid: 1 },
];
