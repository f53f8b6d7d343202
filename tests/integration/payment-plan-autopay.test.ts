import { asc, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { cardCharges, invoiceSets, paymentPlanInstallments, paymentPlans, payments, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { calendarDateInZone, startOfCalendarDate } from "@/lib/format/dates";
import { chargeDueInstallments } from "@/lib/payment-plans/charge-due-installments";
import { addCalendarDays } from "@/lib/payment-plans/compute-schedule";
import { createPaymentPlan } from "@/lib/payment-plans/create-payment-plan";
import { loadPaymentPlanContext } from "@/lib/payment-plans/load-payment-plan";
import { type FakeStripe, startFakeStripe } from "../e2e/patient/support/fake-stripe";
import { saveTestCard, stripeAgainst } from "../support/card-fixtures";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

const ZONE = "America/New_York";
let database: Database;
let clinic: TestClinic;
let actor: Actor;
let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe({ port: 0, webhookUrl: "http://127.0.0.1:9/unused", webhookSecret: "whsec_unused" });
  stripe = stripeAgainst(fake);
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  actor = { kind: "user", userId: clinic.users.biller.id };
});

afterAll(async () => {
  await fake.close();
});

/** A set of `totalCents` with a card on file and a 3-installment autopay plan whose first installment is due today. */
async function autopayPlan(totalCents: number, paymentMethod = `pm_test_${Math.random().toString(16).slice(2, 10)}`) {
  const set = await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: totalCents });
  await createTestInvoice(database.db, clinic, { patientId: set.patientId, invoiceSetId: set.id, totalCents });
  await saveTestCard(database.db, clinic, set.patientId, paymentMethod);
  const today = calendarDateInZone(new Date(), ZONE);
  const plan = await createPaymentPlan(
    database.db,
    { clinicId: clinic.clinicId, actor },
    {
      invoiceSetId: set.id,
      split: { kind: "count", count: 3 },
      frequency: "monthly",
      firstDueOn: today,
      downPaymentCents: 0,
      autopay: true,
    },
  );
  return { set, plan, paymentMethod, today };
}

async function chargesOf(planId: string) {
  return database.db
    .select({
      status: cardCharges.status,
      attempt: cardCharges.attempt,
      key: cardCharges.idempotencyKey,
    })
    .from(cardCharges)
    .innerJoin(paymentPlanInstallments, eq(paymentPlanInstallments.id, cardCharges.installmentId))
    .where(eq(paymentPlanInstallments.planId, planId))
    .orderBy(asc(cardCharges.attempt));
}

async function paidOnSet(setId: string) {
  const { invoices } = await import("@/db/schema");
  const rows = await database.db
    .select({ amount: payments.amountCents })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(eq(invoices.invoiceSetId, setId));
  return rows.reduce((sum, row) => sum + row.amount, 0);
}

const dayAt = (date: string, hours: number) => new Date(startOfCalendarDate(date, ZONE).getTime() + hours * 3_600_000);

describe("autopay", () => {
  test("charges the installment due today off-session, once; the next one waits for its date", async () => {
    const { set, plan, paymentMethod, today } = await autopayPlan(9000);
    const context = await loadPaymentPlanContext(database.db, { clinicId: clinic.clinicId, invoiceSetId: set.id });
    expect(context).toMatchObject({ hasCard: true, plan: { status: "active" } });
    const before = fake.paymentIntents.size;
    await chargeDueInstallments(database.db, stripe, dayAt(today, 10));
    expect(fake.paymentIntents.size).toBe(before + 1);
    const intent = [...fake.paymentIntents.values()].at(-1);
    expect(intent).toMatchObject({ amount: 3000, customer: "cus_test_on_file", payment_method: paymentMethod });
    expect(await chargesOf(plan.planId)).toEqual([expect.objectContaining({ status: "succeeded", attempt: 1 })]);
    expect(await paidOnSet(set.id)).toBe(3000);
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row).toMatchObject({ amountOutstandingCents: 6000, statusReason: "On payment plan" });

    // The same day again: nothing more is charged.
    await chargeDueInstallments(database.db, stripe, dayAt(today, 12));
    expect(fake.paymentIntents.size).toBe(before + 1);
    // A month on, the second installment.
    await chargeDueInstallments(database.db, stripe, dayAt(addCalendarDays(today, 32), 10));
    expect(await paidOnSet(set.id)).toBe(6000);
  });

  test("a decline is retried after 3 days; after the third the plan is Missed and the set resumes its rule set", async () => {
    const { set, plan, paymentMethod, today } = await autopayPlan(9000);
    fake.declinePaymentMethods.add(paymentMethod);
    await chargeDueInstallments(database.db, stripe, dayAt(today, 10));
    // Not yet 3 days: no retry.
    await chargeDueInstallments(database.db, stripe, dayAt(addCalendarDays(today, 1), 10));
    expect((await chargesOf(plan.planId)).map((c) => c.status)).toEqual(["failed"]);
    await chargeDueInstallments(database.db, stripe, dayAt(addCalendarDays(today, 3), 11));
    expect((await chargesOf(plan.planId)).map((c) => c.status)).toEqual(["failed", "failed"]);
    const [midway] = await database.db.select().from(paymentPlans).where(eq(paymentPlans.id, plan.planId));
    expect(midway?.status).toBe("active");

    await chargeDueInstallments(database.db, stripe, dayAt(addCalendarDays(today, 6), 12));
    expect((await chargesOf(plan.planId)).map((c) => c.attempt)).toEqual([1, 2, 3]);
    const [missed] = await database.db.select().from(paymentPlans).where(eq(paymentPlans.id, plan.planId));
    expect(missed).toMatchObject({ status: "missed", statusReason: "Payment plan missed: autopay failed 3 times" });
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row).toMatchObject({
      status: "active",
      statusReason: null,
      paymentPlanId: null,
      amountOutstandingCents: 9000,
    });
    const notes = await database.db
      .select({ summary: timelineEvents.summary })
      .from(timelineEvents)
      .where(eq(timelineEvents.invoiceSetId, set.id))
      .orderBy(asc(timelineEvents.occurredAt));
    expect(notes.map((n) => n.summary)).toEqual(
      expect.arrayContaining([
        "Autopay of $30.00 failed (try 1 of 3): Your card was declined. Trying again in 3 days.",
        "Autopay of $30.00 failed (try 3 of 3): Your card was declined.",
        "Payment plan ended: Active — Payment plan missed: autopay failed 3 times; outreach follows the rule set again",
      ]),
    );
    // Nothing more is tried on a missed plan.
    await chargeDueInstallments(database.db, stripe, dayAt(addCalendarDays(today, 10), 12));
    expect(await chargesOf(plan.planId)).toHaveLength(3);
  });

  test("a charge left pending (no answer) is asked again with the same idempotency key: one charge, one payment", async () => {
    const { set, plan, today } = await autopayPlan(7500);
    // A previous pass wrote the attempt and then lost Stripe's answer.
    const [installment] = await database.db
      .select()
      .from(paymentPlanInstallments)
      .where(eq(paymentPlanInstallments.planId, plan.planId))
      .orderBy(asc(paymentPlanInstallments.seq));
    if (!installment) throw new Error("no installment");
    const key = `installment-${installment.id}-attempt-1`;
    await stripe.paymentIntents.create(
      { amount: 2500, currency: "usd", customer: "cus_test_on_file", confirm: true, off_session: true },
      { idempotencyKey: key },
    );
    await database.db.insert(cardCharges).values({
      clinicId: clinic.clinicId,
      invoiceSetId: set.id,
      installmentId: installment.id,
      attempt: 1,
      amountCents: 2500,
      idempotencyKey: key,
      attemptedAt: dayAt(today, 9),
    });
    const before = fake.paymentIntents.size;

    // Within 10 minutes the pending charge is left alone; after, it is asked again with its key.
    await chargeDueInstallments(database.db, stripe, dayAt(today, 9.1));
    expect(await paidOnSet(set.id)).toBe(0);
    await chargeDueInstallments(database.db, stripe, dayAt(today, 10));
    expect(fake.paymentIntents.size).toBe(before);
    expect(await chargesOf(plan.planId)).toEqual([expect.objectContaining({ status: "succeeded", key })]);
    expect(await paidOnSet(set.id)).toBe(2500);
  });
});
