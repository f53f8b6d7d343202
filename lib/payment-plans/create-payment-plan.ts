import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { clinics, invoiceSets, paymentPlanInstallments, paymentPlans } from "@/db/schema";
import { invoiceSetStopped } from "@/inngest/events";
import { type Actor, actorUserId } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { publishEvents } from "@/lib/events/publish-events";
import { calendarDateInZone, formatCalendarDate } from "@/lib/format/dates";
import { formatCents } from "@/lib/money";
import { loadPaymentCard } from "@/lib/payment-cards/load-payment-card";
import { decideInvoiceSetTransition } from "@/lib/state-machine/invoice-set";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import {
  computeSchedule,
  PAYMENT_PLAN_FREQUENCIES,
  PAYMENT_PLAN_FREQUENCY_LABELS,
  type ScheduledInstallment,
} from "./compute-schedule";

const cents = z.number().int("Amounts are whole cents.").nonnegative("Enter an amount of $0.00 or more.");

/** A plan as the staff dialog (or the patient's choice) sends it. */
export const paymentPlanInput = z.object({
  invoiceSetId: z.uuid("That invoice set id is not valid."),
  split: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("count"), count: z.number().int().min(1, "At least 1 installment.").max(60) }),
    z.object({ kind: z.literal("amount"), amountCents: cents.positive("Enter an amount above $0.00.") }),
  ]),
  frequency: z.enum(PAYMENT_PLAN_FREQUENCIES, "Choose how often the patient pays."),
  firstDueOn: z.iso.date("Enter the first payment date (YYYY-MM-DD)."),
  downPaymentCents: cents.default(0),
  /** Charge the card on file for each installment on its date; needs a card saved with consent. */
  autopay: z.boolean().default(false),
});
export type PaymentPlanInput = z.infer<typeof paymentPlanInput>;

/** "3 monthly installments: $40.00 on Dec 1, 2026; …" — the timeline line's note. */
export function describeSchedule(frequency: keyof typeof PAYMENT_PLAN_FREQUENCY_LABELS, items: ScheduledInstallment[]) {
  const regular = items.filter((item) => !item.isDownPayment).length;
  const parts = items.map(
    (item) =>
      `${formatCents(item.amountCents)} ${item.isDownPayment ? "down payment " : ""}on ${formatCalendarDate(item.dueOn)}`,
  );
  return `${regular} ${PAYMENT_PLAN_FREQUENCY_LABELS[frequency].toLowerCase()} installment${regular === 1 ? "" : "s"}: ${parts.join("; ")}`;
}

/**
 * Creates a payment plan for an open set, in one transaction: the set's status table
 * decides (a closed set, or a set already on a plan, is refused with its reason), the
 * plan may cover at most what is owed, the schedule is computed with the clinic's minimum
 * installment, then the plan and its installments are written and the set moves to Active
 * "On payment plan" through the planner (timeline + audit). The rule set's outreach stops
 * after the commit; the plan's reminders take over.
 */
export async function createPaymentPlan(
  db: Db,
  staff: { clinicId: string; actor: Actor },
  input: PaymentPlanInput,
  now: Date = new Date(),
): Promise<{ planId: string; installments: ScheduledInstallment[]; message: string }> {
  const { clinicId, actor } = staff;
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ set: invoiceSets, timeZone: clinics.timeZone, minInstallmentCents: clinics.minInstallmentCents })
      .from(invoiceSets)
      .innerJoin(clinics, eq(clinics.id, invoiceSets.clinicId))
      .where(and(eq(invoiceSets.id, input.invoiceSetId), eq(invoiceSets.clinicId, clinicId)))
      .for("no key update", { of: invoiceSets });
    if (!row) throw new AppError("not_found", "This invoice set was not found. It may belong to another clinic.");
    const { set } = row;
    const decision = decideInvoiceSetTransition(set.status, "start_payment_plan");
    if (!decision.ok) throw new AppError("invalid_transition", decision.reason);
    if (set.paymentPlanId) throw new AppError("invalid_transition", "This invoice set already has a payment plan.");

    const totalCents = set.amountOutstandingCents;
    const schedule = computeSchedule({
      totalCents,
      downPaymentCents: input.downPaymentCents,
      split: input.split,
      frequency: input.frequency,
      firstDueOn: input.firstDueOn,
      today: calendarDateInZone(now, row.timeZone),
      minInstallmentCents: row.minInstallmentCents,
    });
    if (!schedule.ok) throw new AppError("invalid_input", schedule.message, { [schedule.field]: [schedule.message] });
    if (input.autopay && !(await loadPaymentCard(tx, { clinicId, patientId: set.patientId }))) {
      const message = "Autopay needs a card on file: the patient can save one from their link.";
      throw new AppError("invalid_input", message, { autopay: [message] });
    }

    const [plan] = await tx
      .insert(paymentPlans)
      .values({
        clinicId,
        invoiceSetId: set.id,
        frequency: input.frequency,
        totalCents,
        startBalanceCents: set.amountOutstandingCents,
        downPaymentCents: input.downPaymentCents,
        autopay: input.autopay,
        createdByKind: actor.kind,
        createdByUserId: actorUserId(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: paymentPlans.id });
    if (!plan) throw new Error("payment plan insert returned nothing");
    await tx
      .insert(paymentPlanInstallments)
      .values(schedule.installments.map((item) => ({ ...item, clinicId, planId: plan.id })));
    const note = `${describeSchedule(input.frequency, schedule.installments)}${input.autopay ? " (autopay)" : ""}`;
    await transitionInvoiceSet(tx, {
      clinicId,
      invoiceSetId: set.id,
      action: "start_payment_plan",
      actor,
      paymentPlan: { id: plan.id },
      note,
    });
    await recordAudit(tx, {
      clinicId,
      actor,
      action: "payment_plan.create",
      entityType: "payment_plan",
      entityId: plan.id,
      after: {
        invoiceSetId: set.id,
        totalCents,
        frequency: input.frequency,
        autopay: input.autopay,
        installments: schedule.installments,
      },
    });
    return { planId: plan.id, installments: schedule.installments, note };
  });

  await publishEvents([
    invoiceSetStopped.create({ clinicId, invoiceSetId: input.invoiceSetId, reason: "payment_plan" }),
  ]);
  return {
    planId: result.planId,
    installments: result.installments,
    message: `Payment plan created: ${result.note}.`,
  };
}
