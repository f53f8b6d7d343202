import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoices, messages, payments, timelineEvents } from "@/db/schema";
import { loadAging } from "@/lib/overview/load-aging";
import { loadFunnel } from "@/lib/overview/load-funnel";
import { loadResults } from "@/lib/overview/load-results";
import { loadWeeklyCollections } from "@/lib/overview/load-weekly-collections";
import { type OverviewRange, overviewRange } from "@/lib/overview/overview-range";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

// A hand-made June 2026 (clinic in New York); every expected figure below is worked out by hand.
const at = (iso: string) => new Date(iso);
let database: Database;
let clinic: TestClinic;
let range: OverviewRange;

async function message(
  setId: string,
  ruleId: string | undefined,
  step: number,
  channel: "sms" | "email",
  sentAt: string,
  status: "delivered" | "bounced",
) {
  await database.db.insert(messages).values({
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

async function event(setId: string, kind: "link_opened" | "identity_check", summary: string, occurredAt: string) {
  await database.db.insert(timelineEvents).values({
    clinicId: clinic.clinicId,
    invoiceSetId: setId,
    kind,
    actorKind: "patient",
    summary,
    occurredAt: at(occurredAt),
  });
}

async function payment(set: { id: string; patientId: string }, cents: number, receivedAt: string) {
  const [invoice] = await database.db
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
  await database.db.insert(payments).values({
    clinicId: clinic.clinicId,
    invoiceId: invoice.id,
    method: "card",
    amountCents: cents,
    receivedAt: at(receivedAt),
  });
}

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  const other = await createTestClinic(database.db, "Other Clinic");
  const [day0, day7] = clinic.ruleIds;
  range = overviewRange(
    { from: "2026-06-01", to: "2026-06-30" },
    { clinicId: clinic.clinicId, timeZone: "America/New_York" },
    at("2026-06-30T16:00:00Z"),
  );

  // S1: active, 10 days old; texted and emailed (the email bounced); link opened.
  const s1 = await createTestInvoiceSet(database.db, clinic, {
    amountOutstandingCents: 10000,
    createdAt: at("2026-06-20T15:00:00Z"),
  });
  await message(s1.id, day0, 0, "sms", "2026-06-20T15:00:00Z", "delivered");
  await message(s1.id, day0, 0, "email", "2026-06-20T15:00:00Z", "bounced");
  await event(s1.id, "link_opened", "Payment link opened", "2026-06-21T12:00:00Z");
  // S2: active, 51 days old (started before the period); its day-7 text went out in June.
  const s2 = await createTestInvoiceSet(database.db, clinic, {
    amountOutstandingCents: 5000,
    createdAt: at("2026-05-10T15:00:00Z"),
  });
  await message(s2.id, day7, 1, "sms", "2026-06-05T15:00:00Z", "delivered");
  await payment(s2, 1500, "2026-05-20T15:00:00Z");
  // S3: expired, 121 days old.
  await createTestInvoiceSet(database.db, clinic, {
    status: "expired",
    amountOutstandingCents: 2500,
    createdAt: at("2026-03-01T15:00:00Z"),
  });
  // S4: paid after the day-7 text, 10 days after it started.
  const s4 = await createTestInvoiceSet(database.db, clinic, {
    status: "paid",
    amountOutstandingCents: 0,
    createdAt: at("2026-06-02T14:00:00Z"),
    closedAt: at("2026-06-12T14:00:00Z"),
  });
  await message(s4.id, day0, 0, "sms", "2026-06-02T14:00:00Z", "delivered");
  await message(s4.id, day7, 1, "sms", "2026-06-09T14:00:00Z", "delivered");
  await event(s4.id, "link_opened", "Payment link opened", "2026-06-09T15:00:00Z");
  await event(s4.id, "identity_check", "Identity confirmed: date of birth matched", "2026-06-09T15:05:00Z");
  await payment(s4, 8000, "2026-06-12T14:00:00Z");
  // S5: paid 4 days after the day-0 email; a wrong date of birth first (not a confirmation).
  const s5 = await createTestInvoiceSet(database.db, clinic, {
    status: "paid",
    amountOutstandingCents: 0,
    createdAt: at("2026-06-03T14:00:00Z"),
    closedAt: at("2026-06-07T14:00:00Z"),
  });
  await message(s5.id, day0, 0, "email", "2026-06-03T14:00:00Z", "delivered");
  await event(s5.id, "link_opened", "Payment link opened", "2026-06-04T14:00:00Z");
  await event(s5.id, "identity_check", "Date of birth did not match (4 tries left)", "2026-06-04T14:01:00Z");
  await payment(s5, 3000, "2026-06-07T14:00:00Z");
  // S6: cancelled in June, no messages.
  await createTestInvoiceSet(database.db, clinic, {
    status: "cancelled",
    amountOutstandingCents: 4000,
    createdAt: at("2026-06-15T14:00:00Z"),
  });
  // Another clinic's busy set must not show anywhere.
  const foreign = await createTestInvoiceSet(database.db, other, {
    amountOutstandingCents: 99900,
    createdAt: at("2026-06-20T15:00:00Z"),
  });
  await database.db.insert(messages).values({
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
});

describe("Overview queries against a hand-computed June", () => {
  test("the period is the clinic's days, both included", () => {
    expect(range.from.toISOString()).toBe("2026-06-01T04:00:00.000Z");
    expect(range.to.toISOString()).toBe("2026-07-01T04:00:00.000Z");
  });

  test("aging buckets count open sets with a balance by age", async () => {
    expect(await loadAging(database.db, range)).toEqual([
      { bucket: "0–30", sets: 1, cents: 10000 },
      { bucket: "31–60", sets: 1, cents: 5000 },
      { bucket: "61–90", sets: 0, cents: 0 },
      { bucket: "90+", sets: 1, cents: 2500 },
    ]);
  });

  test("the funnel by channel", async () => {
    expect(await loadFunnel(database.db, range)).toEqual([
      { channel: "sms", sent: 4, delivered: 4, linkOpened: 2, identityConfirmed: 1, paid: 1 },
      { channel: "email", sent: 2, delivered: 1, linkOpened: 2, identityConfirmed: 0, paid: 1 },
    ]);
  });

  test("results per rule set and per step (a paid set counts for the last step before it paid)", async () => {
    const [day0, day7] = clinic.ruleIds;
    expect(await loadResults(database.db, range)).toEqual([
      {
        ruleSetId: clinic.ruleSetId,
        ruleSetTitle: "Standard",
        ruleId: null,
        ruleTitle: null,
        delayDays: null,
        sets: 4,
        paid: 2,
        collectedCents: 11000,
        medianDaysToPay: 7,
      },
      {
        ruleSetId: clinic.ruleSetId,
        ruleSetTitle: "Standard",
        ruleId: day0,
        ruleTitle: "Your statement",
        delayDays: 0,
        sets: 3,
        paid: 1,
        collectedCents: 3000,
        medianDaysToPay: 4,
      },
      {
        ruleSetId: clinic.ruleSetId,
        ruleSetTitle: "Standard",
        ruleId: day7,
        ruleTitle: "Reminder",
        delayDays: 7,
        sets: 1,
        paid: 1,
        collectedCents: 8000,
        medianDaysToPay: 3,
      },
    ]);
  });

  test("collections per week (Mondays in New York), empty weeks included", async () => {
    expect(await loadWeeklyCollections(database.db, range)).toEqual([
      { week: "2026-06-01", cents: 3000 },
      { week: "2026-06-08", cents: 8000 },
      { week: "2026-06-15", cents: 0 },
      { week: "2026-06-22", cents: 0 },
      { week: "2026-06-29", cents: 0 },
    ]);
  });
});
