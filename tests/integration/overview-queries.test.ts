import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoices, messages, overviewFunnelDays, overviewSettled, payments, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { loadAging } from "@/lib/overview/load-aging";
import { loadFunnel } from "@/lib/overview/load-funnel";
import { loadResults } from "@/lib/overview/load-results";
import { loadWeeklyCollections } from "@/lib/overview/load-weekly-collections";
import { type OverviewRange, overviewRange } from "@/lib/overview/overview-range";
import { settleOverview } from "@/lib/overview/settle-overview";
import { recordInvoicePayment } from "@/lib/payments/record-payment";
import { transitionMessage } from "@/lib/state-machine/transition-message";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
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

// S1's first open counts for both channels (both messaged it before), S4's for text, S5's for
// email; S5's wrong date of birth is no confirmation; S4 paid after texts, S5 after an email.
const JUNE_FUNNEL = [
  { channel: "sms", sent: 4, delivered: 4, linkOpened: 2, identityConfirmed: 1, paid: 1 },
  { channel: "email", sent: 2, delivered: 1, linkOpened: 2, identityConfirmed: 0, paid: 1 },
];

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
    expect(await loadFunnel(database.db, range)).toEqual(JUNE_FUNNEL);
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
        // S2 (started in May) and S4: reached by the day-7 text in June.
        sets: 2,
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

describe("Overview rollups", () => {
  test("events before the mark are stored by day and read back with the same figures", async () => {
    await settleOverview(
      database.db,
      { clinicId: clinic.clinicId, timeZone: "America/New_York" },
      at("2026-07-02T16:00:00Z"),
    );
    const [mark] = await database.db
      .select()
      .from(overviewSettled)
      .where(eq(overviewSettled.clinicId, clinic.clinicId));
    // Events are stored once an hour old.
    expect(mark?.settledBefore).toEqual(at("2026-07-02T15:00:00Z"));
    const stored = await database.db
      .select()
      .from(overviewFunnelDays)
      .where(and(eq(overviewFunnelDays.clinicId, clinic.clinicId), eq(overviewFunnelDays.day, "2026-06-09")));
    // S4's day-7 text, its first link open and its identity confirmation, all on June 9.
    expect(stored).toEqual([
      {
        clinicId: clinic.clinicId,
        day: "2026-06-09",
        channel: "sms",
        sent: 1,
        delivered: 1,
        linkOpened: 1,
        identityConfirmed: 1,
        paid: 0,
      },
    ]);
    expect(await loadFunnel(database.db, range)).toEqual(JUNE_FUNNEL);
    expect((await loadResults(database.db, range)).map((row) => [row.sets, row.paid, row.medianDaysToPay])).toEqual([
      [4, 2, 7],
      [3, 1, 4],
      [2, 1, 3],
    ]);
  });

  test("a delivery and a payment show at once, and are stored once settled", async () => {
    const now = new Date();
    const place = { clinicId: clinic.clinicId, timeZone: "America/New_York" };
    await settleOverview(database.db, place, now);
    const today = overviewRange({}, place, now);
    expect(await loadFunnel(database.db, today)).toEqual([]);

    const s7 = await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: 4200, createdAt: now });
    const invoice = await createTestInvoice(database.db, clinic, {
      patientId: s7.patientId,
      invoiceSetId: s7.id,
      totalCents: 4200,
    });
    const [sent] = await database.db
      .insert(messages)
      .values({
        clinicId: clinic.clinicId,
        invoiceSetId: s7.id,
        ruleId: clinic.ruleIds[0] ?? null,
        stepIndex: 0,
        channel: "sms",
        transport: "outbox",
        destination: "+15555550100",
        body: "Hi, you have a balance.",
        status: "sent",
        sentAt: now,
      })
      .returning();
    if (!sent) throw new Error("no message");
    expect(await loadFunnel(database.db, today)).toEqual([
      { channel: "sms", sent: 1, delivered: 0, linkOpened: 0, identityConfirmed: 0, paid: 0 },
    ]);

    await transitionMessage(database.db, { message: sent, to: "delivered", at: new Date() });
    const actor: Actor = { kind: "user", userId: clinic.users.biller.id, ip: "203.0.113.7" };
    await database.db.transaction((tx) =>
      recordInvoicePayment(tx, {
        clinicId: clinic.clinicId,
        invoiceId: invoice.id,
        amountCents: 4200,
        method: "card",
        reference: null,
        // Recorded now, received three days ago (a check in the mail): still counted.
        receivedAt: new Date(now.getTime() - 3 * 86_400_000),
        actor,
      }),
    );
    const afterPayment = [{ channel: "sms", sent: 1, delivered: 1, linkOpened: 0, identityConfirmed: 0, paid: 1 }];
    expect(await loadFunnel(database.db, today)).toEqual(afterPayment);
    const results = (await loadResults(database.db, today)).map((row) => [
      row.ruleId,
      row.sets,
      row.paid,
      row.collectedCents,
      row.medianDaysToPay,
    ]);
    expect(results).toEqual([
      [null, 1, 1, 4200, 0],
      [clinic.ruleIds[0], 1, 1, 4200, 0],
    ]);

    const weekly = async () =>
      (await loadWeeklyCollections(database.db, today)).reduce((sum, week) => sum + week.cents, 0);
    expect(await weekly()).toBe(4200);

    // Two hours later they are stored: the figures now come from the rollup.
    await settleOverview(database.db, place, new Date(Date.now() + 7_200_000));
    const stored = await database.db
      .select()
      .from(overviewFunnelDays)
      .where(and(eq(overviewFunnelDays.clinicId, clinic.clinicId), eq(overviewFunnelDays.day, today.toDay)));
    expect(stored.map(({ sent, delivered, paid }) => ({ sent, delivered, paid }))).toEqual([
      { sent: 1, delivered: 1, paid: 1 },
    ]);
    expect(await loadFunnel(database.db, today)).toEqual(afterPayment);
    expect(await weekly()).toBe(4200);
  });
});
