import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, paymentPlanInstallments, paymentPlans, timelineEvents } from "@/db/schema";
import { runPaymentPlanPass } from "@/inngest/functions/payment-plans";
import type { Actor } from "@/lib/actor";
import { calendarDateInZone } from "@/lib/format/dates";
import { applyInvoiceSetAction } from "@/lib/invoice-sets/apply-invoice-set-action";
import { addCalendarDays } from "@/lib/payment-plans/compute-schedule";
import { createPaymentPlan, type PaymentPlanInput } from "@/lib/payment-plans/create-payment-plan";
import { loadPaymentPlanContext } from "@/lib/payment-plans/load-payment-plan";
import { recordPatientPayment } from "@/lib/payments/record-patient-payment";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let actor: Actor;
const today = () => calendarDateInZone(new Date(), "America/New_York");

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  actor = { kind: "user", userId: clinic.users.biller.id };
});

async function owingSet(totalCents = 12000, status: "active" | "paused" | "paid" = "active") {
  const set = await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: totalCents, status });
  await createTestInvoice(database.db, clinic, { patientId: set.patientId, invoiceSetId: set.id, totalCents });
  return set;
}

function plan(invoiceSetId: string, overrides: Partial<PaymentPlanInput> = {}) {
  return createPaymentPlan(
    database.db,
    { clinicId: clinic.clinicId, actor },
    {
      invoiceSetId,
      split: { kind: "count", count: 3 },
      frequency: "monthly",
      firstDueOn: addCalendarDays(today(), 3),
      downPaymentCents: 0,
      autopay: false,
      ...overrides,
    },
  );
}

async function reload(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  if (!row) throw new Error("set vanished");
  return row;
}

async function timeline(id: string) {
  const rows = await database.db
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.invoiceSetId, id))
    .orderBy(asc(timelineEvents.occurredAt));
  return rows.map((row) => row.summary);
}

describe("creating a payment plan", () => {
  test("a 3-installment plan: rows that add up, the set Active 'On payment plan', timeline and audit", async () => {
    const set = await owingSet(12001, "paused");
    const created = await plan(set.id);
    expect(created.installments.map((item) => item.amountCents)).toEqual([4000, 4000, 4001]);

    const rows = await database.db
      .select()
      .from(paymentPlanInstallments)
      .where(eq(paymentPlanInstallments.planId, created.planId))
      .orderBy(asc(paymentPlanInstallments.seq));
    expect(rows.map((row) => row.amountCents)).toEqual([4000, 4000, 4001]);
    expect(rows[0]?.dueOn).toBe(addCalendarDays(today(), 3));
    expect(await reload(set.id)).toMatchObject({
      status: "active",
      statusReason: "On payment plan",
      paymentPlanId: created.planId,
    });
    expect((await timeline(set.id)).at(-1)).toMatch(
      /^Payment plan: Active \(was Paused\) — 3 monthly installments: \$40\.00 on .+; \$40\.00 on .+; \$40\.01 on .+$/,
    );
    const audits = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, clinic.clinicId), eq(auditLog.entityId, created.planId)));
    expect(audits.map((row) => row.action)).toEqual(["payment_plan.create"]);
  });

  test("refused with the state machine's reason on a closed set or a set already on a plan", async () => {
    const paid = await owingSet(5000, "paid");
    await expect(plan(paid.id)).rejects.toThrow("Payment plan isn't possible: this invoice set is already paid.");
    const set = await owingSet();
    await plan(set.id);
    await expect(plan(set.id)).rejects.toThrow("This invoice set already has a payment plan.");
  });

  test("refuses installments under the clinic minimum, or a down payment of the whole balance, and writes nothing", async () => {
    const set = await owingSet(6000);
    await expect(plan(set.id, { split: { kind: "count", count: 6 } })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: {
        count: ["6 installments would be $10.00 each; the clinic's minimum is $25.00. Choose fewer installments."],
      },
    });
    await expect(plan(set.id, { split: { kind: "count", count: 2 }, autopay: true })).rejects.toThrow(
      "Autopay needs a card on file: the patient can save one from their link.",
    );
    expect(
      (await loadPaymentPlanContext(database.db, { clinicId: clinic.clinicId, invoiceSetId: set.id }))?.hasCard,
    ).toBe(false);
    await expect(plan(set.id, { downPaymentCents: 6000 })).rejects.toMatchObject({
      fieldErrors: { downPaymentCents: [expect.any(String)] },
    });
    const plans = await database.db.select().from(paymentPlans).where(eq(paymentPlans.invoiceSetId, set.id));
    expect(plans).toHaveLength(0);
    expect((await reload(set.id)).statusReason).toBeNull();
  });
});

describe("a plan ends", () => {
  test("paying early in full completes the plan and the set is Paid", async () => {
    const set = await owingSet(9000);
    const created = await plan(set.id);
    await database.db.transaction((tx) =>
      recordPatientPayment(tx, {
        clinicId: clinic.clinicId,
        patientId: set.patientId,
        amountCents: 9000,
        method: "cash",
        reference: null,
        receivedAt: new Date(),
        actor,
      }),
    );
    expect(await reload(set.id)).toMatchObject({ status: "paid", paymentPlanId: null });
    const [row] = await database.db.select().from(paymentPlans).where(eq(paymentPlans.id, created.planId));
    expect(row).toMatchObject({ status: "completed", statusReason: "Paid in full" });
    const context = await loadPaymentPlanContext(database.db, { clinicId: clinic.clinicId, invoiceSetId: set.id });
    expect(context?.plan?.installments.every((item) => item.paidCents === item.amountCents)).toBe(true);
  });

  test("an installment unpaid past its grace: Missed, and the set follows its rule set again", async () => {
    const set = await owingSet(9000);
    const created = await plan(set.id, { firstDueOn: today() });
    // A partial payment covers part of the first installment only.
    await database.db.transaction((tx) =>
      recordPatientPayment(tx, {
        clinicId: clinic.clinicId,
        patientId: set.patientId,
        amountCents: 1000,
        method: "cash",
        reference: null,
        receivedAt: new Date(),
        actor,
      }),
    );
    const context = await loadPaymentPlanContext(database.db, { clinicId: clinic.clinicId, invoiceSetId: set.id });
    expect(context?.plan?.installments.map((item) => item.paidCents)).toEqual([1000, 0, 0]);

    // Within the grace nothing happens.
    await runPaymentPlanPass(new Date(Date.now() + 2 * 86_400_000));
    expect((await reload(set.id)).paymentPlanId).toBe(created.planId);

    await runPaymentPlanPass(new Date(Date.now() + 8 * 86_400_000));
    const [row] = await database.db.select().from(paymentPlans).where(eq(paymentPlans.id, created.planId));
    expect(row?.status).toBe("missed");
    expect(await reload(set.id)).toMatchObject({ status: "active", statusReason: null, paymentPlanId: null });
    expect((await timeline(set.id)).at(-1)).toBe(
      "Payment plan ended: Active — Payment plan missed: an installment went unpaid; outreach follows the rule set again",
    );
  });

  test("Pause and Resume keep a plan: the set resumes 'On payment plan'", async () => {
    const set = await owingSet();
    await plan(set.id);
    const staff = { clinicId: clinic.clinicId, actor };
    await applyInvoiceSetAction(database.db, staff, { invoiceSetId: set.id, action: "pause" });
    await applyInvoiceSetAction(database.db, staff, { invoiceSetId: set.id, action: "resume" });
    expect(await reload(set.id)).toMatchObject({ status: "active", statusReason: "On payment plan" });
  });
});
