import { InngestTestEngine } from "@inngest/test";
import { and, asc, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import {
  cardCharges,
  clinics,
  invoiceSets,
  invoices,
  messages,
  outreachEngineState,
  outreachJobs,
  payments,
  ruleSets,
  rules,
  timelineEvents,
} from "@/db/schema";
import { type AppEvent, invoiceSetActivated, patientContactChanged } from "@/inngest/events";
import type { SequenceDeps } from "@/inngest/functions/deps";
import { createSequenceFunction } from "@/inngest/functions/run-invoice-set-sequence";
import { createSendRuleFunction } from "@/inngest/functions/send-outreach-rule";
import { enqueueEvents } from "@/inngest/local/job-store";
import { runDueWork } from "@/inngest/local/run-due-work";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { predictNextSends } from "@/lib/outreach/predict-next-send";
import { outboxTransport, type Transports } from "@/lib/providers/transport";
import { type FakeStripe, startFakeStripe } from "../e2e/patient/support/fake-stripe";
import { saveTestCard, stripeAgainst } from "../support/card-fixtures";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { holdCrons } from "../support/hold-crons";
import { createTestInvoice } from "../support/invoice-fixtures";
import { invokeSendRuleInTestEngine } from "../support/invoke-send-rule";
import { engineOptions } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

// "Charge Card" rule steps against the local fake Stripe (the real SDK), run by the local
// engine under a fake clock, and once by the Inngest function: the same send step body.
let database: Database;
let clinic: TestClinic;
let fake: FakeStripe;
let stripe: Stripe;
const outbox: Transports = { sms: outboxTransport, email: outboxTransport };
/** Rule sets: day 0 "Charge Card" alone, then a text on day 3; and day 0 text + Charge Card. */
let chargeOnly: { ruleSetId: string; ruleId: string };
let textAndCharge: { ruleSetId: string; ruleId: string };
// Monday 2030-01-07 10:00 in New York: inside the send window.
const start = new Date("2030-01-07T15:00:00Z");

beforeAll(async () => {
  fake = await startFakeStripe({ port: 0, webhookUrl: "http://127.0.0.1:9/unused", webhookSecret: "whsec_unused" });
  stripe = stripeAgainst(fake);
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Charge Card Clinic");
  chargeOnly = await ruleSetWith([
    { delayDays: 0, channels: [], chargeCard: true, title: "Charge the card", template: "" },
    {
      delayDays: 3,
      channels: ["sms"],
      chargeCard: false,
      title: "Reminder",
      template: "Hi {{first_name}}: {{pay_link}}",
    },
  ]);
  textAndCharge = await ruleSetWith([
    {
      delayDays: 0,
      channels: ["sms"],
      chargeCard: true,
      title: "Pay today",
      template: "Hi {{first_name}}: {{pay_link}}",
    },
  ]);
  await holdCrons(database.db);
});
afterAll(async () => {
  await database.db.delete(outreachEngineState);
  await fake.close();
});

async function ruleSetWith(ruleRows: Omit<typeof rules.$inferInsert, "clinicId" | "ruleSetId">[]) {
  const [set] = await database.db
    .insert(ruleSets)
    .values({ clinicId: clinic.clinicId, title: `Card ${ruleRows.length}`, expiryDays: 30 })
    .returning({ id: ruleSets.id });
  if (!set) throw new Error("no rule set");
  const inserted = await database.db
    .insert(rules)
    .values(ruleRows.map((rule) => ({ ...rule, clinicId: clinic.clinicId, ruleSetId: set.id })))
    .returning({ id: rules.id, delayDays: rules.delayDays });
  const first = inserted.find((rule) => rule.delayDays === 0);
  if (!first) throw new Error("no day-0 rule");
  return { ruleSetId: set.id, ruleId: first.id };
}

/** An Active set owing `totalCents` (one invoice) on a rule set, optionally with a card on file. */
async function owingSet(ruleSetId: string, totalCents: number, card: "none" | "good" | "declined" = "good") {
  const set = await createTestInvoiceSet(database.db, clinic, {
    ruleSetId,
    amountOutstandingCents: totalCents,
    sequenceStartedAt: start,
  });
  await createTestInvoice(database.db, clinic, { patientId: set.patientId, invoiceSetId: set.id, totalCents });
  if (card === "none") return { set, paymentMethod: null };
  const paymentMethod = await saveTestCard(database.db, clinic, set.patientId);
  if (card === "declined") fake.declinePaymentMethods.add(paymentMethod);
  return { set, paymentMethod };
}

const pass = (now: Date) => runDueWork(database.db, engineOptions({ now, stripe: () => stripe }));

/** Publishes `event` at `from`, then runs the local engine at each moment the set's run asks for, up to `until`. */
async function runSet(setId: string, until: Date, from = start, event: AppEvent = activation(setId)) {
  await enqueueEvents(database.db, [event], from);
  let now = from;
  for (let i = 0; i < 20; i += 1) {
    await pass(now);
    const [job] = await database.db
      .select({ runAt: outreachJobs.runAt })
      .from(outreachJobs)
      .where(
        and(
          eq(outreachJobs.functionId, FUNCTION_IDS.sequence),
          eq(outreachJobs.singletonKey, setId),
          isNull(outreachJobs.finishedAt),
        ),
      );
    if (!job || job.runAt > until) return;
    now = new Date(Math.max(job.runAt.getTime(), now.getTime()));
  }
}

const activation = (invoiceSetId: string) => invoiceSetActivated.create({ clinicId: clinic.clinicId, invoiceSetId });

async function setRow(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  return row;
}
async function chargesOf(setId: string) {
  return database.db
    .select()
    .from(cardCharges)
    .where(eq(cardCharges.invoiceSetId, setId))
    .orderBy(asc(cardCharges.attempt));
}
async function paidOn(setId: string) {
  const rows = await database.db
    .select({ amount: payments.amountCents, reference: payments.reference })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(eq(invoices.invoiceSetId, setId));
  return rows;
}
async function notesOf(setId: string) {
  const rows = await database.db
    .select({ summary: timelineEvents.summary })
    .from(timelineEvents)
    .where(eq(timelineEvents.invoiceSetId, setId))
    .orderBy(asc(timelineEvents.occurredAt));
  return rows.map((row) => row.summary);
}
const intentsFor = (paymentMethod: string | null) =>
  [...fake.paymentIntents.values()].filter((intent) => intent.payment_method === paymentMethod);

describe("Charge Card step (local engine)", () => {
  test("with a card on file: the balance is charged off-session once, paid from Stripe's answer, the set is Paid", async () => {
    const { set, paymentMethod } = await owingSet(chargeOnly.ruleSetId, 9000);
    await runSet(set.id, new Date(start.getTime() + 10 * 86_400_000));

    expect(intentsFor(paymentMethod)).toEqual([
      expect.objectContaining({
        amount: 9000,
        customer: "cus_test_on_file",
        idempotencyKey: `charge-card-${set.id}-0-${chargeOnly.ruleId}`,
      }),
    ]);
    const [charge] = await chargesOf(set.id);
    expect(charge).toMatchObject({
      status: "succeeded",
      amountCents: 9000,
      ruleId: chargeOnly.ruleId,
      sequenceCycle: 0,
    });
    expect(await paidOn(set.id)).toEqual([{ amount: 9000, reference: charge?.paymentIntentId }]);
    expect(await setRow(set.id)).toMatchObject({ status: "paid", amountOutstandingCents: 0 });
    // Paid: the day-3 text never goes out.
    expect(await database.db.select().from(messages).where(eq(messages.invoiceSetId, set.id))).toEqual([]);
  });

  test("the clinic's largest card charge caps the charge; the set stays Active and goes on to its next rule", async () => {
    await database.db.update(clinics).set({ cardChargeMaxCents: 4000 }).where(eq(clinics.id, clinic.clinicId));
    try {
      const { set, paymentMethod } = await owingSet(chargeOnly.ruleSetId, 9000);
      await runSet(set.id, new Date(start.getTime() + 5 * 86_400_000));
      expect(intentsFor(paymentMethod).map((intent) => intent.amount)).toEqual([4000]);
      expect(await setRow(set.id)).toMatchObject({ status: "active", amountOutstandingCents: 5000 });
      const sent = await database.db.select().from(messages).where(eq(messages.invoiceSetId, set.id));
      expect(sent.map((m) => [m.stepIndex, m.channel, m.status])).toEqual([[1, "sms", "sent"]]);
    } finally {
      await database.db.update(clinics).set({ cardChargeMaxCents: null }).where(eq(clinics.id, clinic.clinicId));
    }
  });

  test("without a card: the Charge Card part is skipped with a timeline note and the text still goes", async () => {
    const { set } = await owingSet(textAndCharge.ruleSetId, 9000, "none");
    const before = fake.paymentIntents.size;
    await runSet(set.id, new Date(start.getTime() + 86_400_000));
    expect(fake.paymentIntents.size).toBe(before);
    expect(await chargesOf(set.id)).toEqual([]);
    expect(await notesOf(set.id)).toContain("Charge Card skipped (No card on file); sent by Text only");
    expect(await setRow(set.id)).toMatchObject({ status: "active", sequenceStep: 1, amountOutstandingCents: 9000 });
  });

  test("without a card, a step that only charges the card is Will Fail: No card on file", async () => {
    const { set } = await owingSet(chargeOnly.ruleSetId, 9000, "none");
    expect((await predictNextSends(database.db, clinic.clinicId, [set.id])).get(set.id)).toEqual({
      willFail: true,
      reason: "No card on file",
    });
    await runSet(set.id, new Date(start.getTime() + 86_400_000));
    expect(await setRow(set.id)).toMatchObject({ status: "will_fail", statusReason: "No card on file" });
    expect(await chargesOf(set.id)).toEqual([]);

    // The patient saves a card (the setup webhook publishes a contact change): Active again, and the step charges it.
    const paymentMethod = await saveTestCard(database.db, clinic, set.patientId);
    const later = new Date(start.getTime() + 86_400_000);
    const saved = patientContactChanged.create({ clinicId: clinic.clinicId, patientId: set.patientId });
    await runSet(set.id, new Date(later.getTime() + 86_400_000), later, saved);
    expect(intentsFor(paymentMethod).map((intent) => intent.amount)).toEqual([9000]);
    expect(await setRow(set.id)).toMatchObject({ status: "paid" });
  });

  test("a decline is noted on the timeline, records no payment, and the sequence goes on", async () => {
    const { set, paymentMethod } = await owingSet(chargeOnly.ruleSetId, 9000, "declined");
    await runSet(set.id, new Date(start.getTime() + 5 * 86_400_000));
    expect(intentsFor(paymentMethod)).toEqual([]);
    expect((await chargesOf(set.id)).map((c) => [c.status, c.failureMessage])).toEqual([
      ["failed", "Your card was declined."],
    ]);
    expect(await notesOf(set.id)).toContain("Charge Card: $90.00 declined: Your card was declined.");
    expect(await paidOn(set.id)).toEqual([]);
    expect(await setRow(set.id)).toMatchObject({ status: "active", amountOutstandingCents: 9000 });
    expect((await setRow(set.id))?.sequenceStep).toBeGreaterThanOrEqual(2);
  });
});

describe("Charge Card step (Inngest function, same body)", () => {
  test("the sequence's send step charges the card and the set is Paid", async () => {
    const { set, paymentMethod } = await owingSet(chargeOnly.ruleSetId, 6000);
    await database.db.update(invoiceSets).set({ sequenceStartedAt: new Date() }).where(eq(invoiceSets.id, set.id));
    // This run uses the wall clock: a window of every hour and day, so it sends whenever the suite runs.
    await database.db
      .update(clinics)
      .set({ sendWindowStartMinute: 0, sendWindowEndMinute: 1440, sendDays: [1, 2, 3, 4, 5, 6, 7] })
      .where(eq(clinics.id, clinic.clinicId));
    const deps: SequenceDeps = {
      db: async () => database.db,
      transports: () => outbox,
      now: () => new Date(),
      stripe: () => stripe,
    };
    const sendRule = createSendRuleFunction(deps);
    const engine = new InngestTestEngine({
      function: createSequenceFunction(deps, sendRule),
      events: [{ name: "billing/invoice-set.activated", data: { clinicId: clinic.clinicId, invoiceSetId: set.id } }],
      steps: ["wait-rule-0", "wait-rule-1", "wait-window-0-0"].map((id) => ({ id, handler: async () => null })),
      transformCtx: invokeSendRuleInTestEngine(sendRule),
    });
    await engine.execute();
    expect(intentsFor(paymentMethod).map((intent) => intent.amount)).toEqual([6000]);
    expect(await setRow(set.id)).toMatchObject({ status: "paid", amountOutstandingCents: 0 });
  });
});
