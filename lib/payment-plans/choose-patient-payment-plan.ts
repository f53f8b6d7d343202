import "server-only";
import type { Db } from "@/db/connect";
import { AppError } from "@/lib/errors";
import { calendarDateInZone } from "@/lib/format/dates";
import { resolvePatientLink } from "@/lib/patient-links/resolve-patient-link";
import { loadPaymentCard } from "@/lib/payment-cards/load-payment-card";
import { computeSchedule, type ScheduledInstallment } from "./compute-schedule";
import { createPaymentPlan } from "./create-payment-plan";
import { loadPaymentPlanContext, type PaymentPlanContext } from "./load-payment-plan";

/** The patient's first installment is due a week after choosing. */
const FIRST_PAYMENT_DAYS = 7;

export interface PatientPlanOption {
  months: number;
  installments: ScheduledInstallment[];
}

/**
 * The plans a patient may choose ("Pay over 3, 6 or 12 months"): the clinic's lengths whose
 * monthly installments meet its minimum, for a set with no plan running. Pure over the context.
 */
export function patientPlanOptions(context: PaymentPlanContext, now: Date): PatientPlanOption[] {
  if (context.plan?.status === "active" || context.balanceCents <= 0) return [];
  const firstDueOn = calendarDateInZone(now, context.timeZone, FIRST_PAYMENT_DAYS);
  return context.patientPlanMonths.flatMap((months) => {
    const schedule = computeSchedule({
      totalCents: context.balanceCents,
      downPaymentCents: 0,
      split: { kind: "count", count: months },
      frequency: "monthly",
      firstDueOn,
      today: context.today,
      minInstallmentCents: context.minInstallmentCents,
    });
    return schedule.ok ? [{ months, installments: schedule.installments }] : [];
  });
}

/**
 * A verified patient chooses one of the offered plans on their page: the same use case as
 * staff (state machine, schedule, timeline, audit), with the patient as the actor.
 */
export async function choosePatientPaymentPlan(
  db: Db,
  params: { token: string; months: number; ip: string | null; now?: Date },
) {
  const now = params.now ?? new Date();
  const resolved = await resolvePatientLink(db, params.token);
  if (resolved.state !== "ok") throw new AppError("not_found", "This link is no longer available.");
  const { link } = resolved;
  const context = await loadPaymentPlanContext(db, { clinicId: link.clinicId, invoiceSetId: link.invoiceSetId }, now);
  if (!context) throw new AppError("not_found", "This link is no longer available.");
  const option = patientPlanOptions(context, now).find((o) => o.months === params.months);
  if (!option) throw new AppError("invalid_input", "That plan isn't available for your balance. Choose another one.");
  return createPaymentPlan(
    db,
    { clinicId: link.clinicId, actor: { kind: "patient", ip: params.ip } },
    {
      invoiceSetId: link.invoiceSetId,
      split: { kind: "count", count: option.months },
      frequency: "monthly",
      firstDueOn: calendarDateInZone(now, context.timeZone, FIRST_PAYMENT_DAYS),
      downPaymentCents: 0,
      // A card saved with consent to charge installments pays the plan automatically.
      autopay: (await loadPaymentCard(db, { clinicId: link.clinicId, patientId: link.patientId })) !== null,
    },
    now,
  );
}
