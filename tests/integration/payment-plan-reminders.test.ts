import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, messages, patients, paymentPlanInstallments, timelineEvents } from "@/db/schema";
import { paymentPlanPassBody } from "@/inngest/functions/payment-plans";
import { startOfCalendarDate } from "@/lib/format/dates";
import { createPaymentPlan } from "@/lib/payment-plans/create-payment-plan";
import { sendInstallmentReminders } from "@/lib/payment-plans/send-installment-reminders";
import { recordPatientPayment } from "@/lib/payments/record-patient-payment";
import { outboxTransport, type Transports } from "@/lib/providers/transport";
import { saveTestCard } from "../support/card-fixtures";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

// While a set is on track with its plan, outreach follows the plan: one reminder N days
// (the clinic's setting, default 3) before each installment, under the usual outreach rules.
const ZONE = "America/New_York";
const outbox: Transports = { sms: outboxTransport, email: outboxTransport };
/** OUTREACH_SENDS_PER_MINUTE as the engines pass it. */
const PROCESS_CAP = 60;
let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Reminder Clinic");
  // Every day of the week, 9:00–20:00 in the patient's zone.
  await database.db
    .update(clinics)
    .set({ sendDays: [1, 2, 3, 4, 5, 6, 7] })
    .where(eq(clinics.id, clinic.clinicId));
});

/** A moment on a calendar day in New York, `hours` after midnight. */
const at = (day: string, hours: number) => new Date(startOfCalendarDate(day, ZONE).getTime() + hours * 3_600_000);

/** A $90 set on a 3-installment monthly plan from 2030-03-11 (made on 2030-03-04), patient overrides applied. */
async function setOnPlan(patient: Partial<typeof patients.$inferInsert> = {}, autopay = false, owner = clinic) {
  const set = await createTestInvoiceSet(database.db, owner, { amountOutstandingCents: 9000 });
  if (Object.keys(patient).length > 0)
    await database.db.update(patients).set(patient).where(eq(patients.id, set.patientId));
  await createTestInvoice(database.db, owner, { patientId: set.patientId, invoiceSetId: set.id, totalCents: 9000 });
  if (autopay) await saveTestCard(database.db, owner, set.patientId);
  const plan = await createPaymentPlan(
    database.db,
    { clinicId: owner.clinicId, actor: { kind: "user", userId: owner.users.biller.id } },
    {
      invoiceSetId: set.id,
      split: { kind: "count", count: 3 },
      frequency: "monthly",
      firstDueOn: "2030-03-11",
      downPaymentCents: 0,
      autopay,
    },
    at("2030-03-04", 10),
  );
  const installments = await database.db
    .select()
    .from(paymentPlanInstallments)
    .where(eq(paymentPlanInstallments.planId, plan.planId))
    .orderBy(asc(paymentPlanInstallments.seq));
  return { set, installments };
}

async function remindersOf(setId: string) {
  return database.db.select().from(messages).where(eq(messages.invoiceSetId, setId)).orderBy(asc(messages.createdAt));
}

describe("installment reminders", () => {
  test("one text 3 days before the installment, inside the send window, through the normal send path; never twice", async () => {
    const { set, installments } = await setOnPlan();
    await sendInstallmentReminders(database.db, outbox, at("2030-03-07", 10), PROCESS_CAP);
    expect(await remindersOf(set.id)).toEqual([]);
    // The right day, but before 9:00 in the patient's zone: not yet.
    await sendInstallmentReminders(database.db, outbox, at("2030-03-08", 7), PROCESS_CAP);
    expect(await remindersOf(set.id)).toEqual([]);

    await sendInstallmentReminders(database.db, outbox, at("2030-03-08", 10), PROCESS_CAP);
    const [reminder, ...more] = await remindersOf(set.id);
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({
      installmentId: installments[0]?.id,
      ruleId: null,
      channel: "sms",
      transport: "outbox",
      status: "sent",
    });
    expect(reminder?.body).toMatch(
      /^Hi Jamie, a reminder from Reminder Clinic: your payment plan installment of \$30\.00 is due on Mar 11, 2030\. Pay here: http/,
    );
    const timeline = await database.db
      .select({ summary: timelineEvents.summary })
      .from(timelineEvents)
      .where(eq(timelineEvents.invoiceSetId, set.id));
    expect(timeline.map((t) => t.summary)).toContain("Text sent (outbox): Payment plan reminder");

    await sendInstallmentReminders(database.db, outbox, at("2030-03-08", 15), PROCESS_CAP);
    await sendInstallmentReminders(database.db, outbox, at("2030-03-10", 10), PROCESS_CAP);
    expect(await remindersOf(set.id)).toHaveLength(1);
  });

  test("the next installment is reminded of once the first is paid; the hourly pass sends it", async () => {
    const { set, installments } = await setOnPlan();
    await database.db.transaction((tx) =>
      recordPatientPayment(tx, {
        clinicId: clinic.clinicId,
        patientId: set.patientId,
        amountCents: 3000,
        method: "cash",
        reference: null,
        receivedAt: at("2030-03-06", 12),
        actor: { kind: "user", userId: clinic.users.biller.id },
      }),
    );
    // The first installment is paid: nothing to remind of for it.
    await sendInstallmentReminders(database.db, outbox, at("2030-03-09", 10), PROCESS_CAP);
    expect(await remindersOf(set.id)).toEqual([]);
    await paymentPlanPassBody(database.db, at("2030-04-08", 10), {
      stripe: null,
      transports: outbox,
      sendsPerMinute: PROCESS_CAP,
    });
    const reminders = await remindersOf(set.id);
    expect(reminders.map((m) => m.installmentId)).toEqual([installments[1]?.id]);
    expect(reminders[0]?.body).toContain("is due on Apr 11, 2030");
  });

  test("opted out of texts: by email; neither channel usable: nothing; autopay says the card is charged", async () => {
    const optedOut = await setOnPlan({ smsOptedOutAt: new Date("2030-01-01T00:00:00Z") }, true);
    const unreachable = await setOnPlan({ smsOptedOutAt: new Date("2030-01-01T00:00:00Z"), email: null });
    await sendInstallmentReminders(database.db, outbox, at("2030-03-08", 10), PROCESS_CAP);
    const [email] = await remindersOf(optedOut.set.id);
    expect(email).toMatchObject({ channel: "email", subject: "Payment plan reminder" });
    expect(email?.body).toContain(
      "your payment plan installment of $30.00 will be charged to your card on file on Mar 11, 2030",
    );
    expect(await remindersOf(unreachable.set.id)).toEqual([]);
  });

  test("the clinic's reminder days are used (0 = on the due date)", async () => {
    await database.db.update(clinics).set({ installmentReminderDays: 0 }).where(eq(clinics.id, clinic.clinicId));
    try {
      const { set } = await setOnPlan();
      await sendInstallmentReminders(database.db, outbox, at("2030-03-10", 10), PROCESS_CAP);
      expect(await remindersOf(set.id)).toEqual([]);
      await sendInstallmentReminders(database.db, outbox, at("2030-03-11", 10), PROCESS_CAP);
      expect(await remindersOf(set.id)).toHaveLength(1);
    } finally {
      await database.db.update(clinics).set({ installmentReminderDays: 3 }).where(eq(clinics.id, clinic.clinicId));
    }
  });

  test("reminders count against the clinic's per-minute send cap; what doesn't fit goes out on a later pass", async () => {
    const busy = await createTestClinic(database.db, "Busy Reminder Clinic");
    await database.db
      .update(clinics)
      .set({ sendDays: [1, 2, 3, 4, 5, 6, 7], sendsPerMinute: 2 })
      .where(eq(clinics.id, busy.clinicId));
    const sets = [await setOnPlan({}, false, busy), await setOnPlan({}, false, busy), await setOnPlan({}, false, busy)];
    const sentTo = async () => (await Promise.all(sets.map(({ set }) => remindersOf(set.id)))).map((m) => m.length);

    await sendInstallmentReminders(database.db, outbox, at("2030-03-08", 16), PROCESS_CAP);
    expect((await sentTo()).sort()).toEqual([0, 1, 1]);
    // The same minute: the cap is used up.
    await sendInstallmentReminders(database.db, outbox, at("2030-03-08", 16), PROCESS_CAP);
    expect((await sentTo()).sort()).toEqual([0, 1, 1]);
    // The next hourly pass sends the third, once.
    await sendInstallmentReminders(database.db, outbox, at("2030-03-08", 17), PROCESS_CAP);
    expect(await sentTo()).toEqual([1, 1, 1]);
  });
});
