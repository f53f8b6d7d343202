import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, invoiceSets, paymentCards, paymentPlanInstallments, paymentPlans } from "@/db/schema";
import { calendarDateInZone } from "@/lib/format/dates";
import { type InvoiceSetStatus, OPEN_INVOICE_SET_STATUSES, type PaymentPlanStatus } from "@/lib/state-machine/statuses";
import { coverInstallments, type PaymentPlanFrequency } from "./compute-schedule";

export interface PaymentPlanView {
  id: string;
  status: PaymentPlanStatus;
  frequency: PaymentPlanFrequency;
  totalCents: number;
  statusReason: string | null;
  installments: { seq: number; dueOn: string; amountCents: number; isDownPayment: boolean; paidCents: number }[];
}

/** What the Payment plan dialog and the statements need about a set: its balance, limits, and latest plan. */
export interface PaymentPlanContext {
  invoiceSetId: string;
  status: InvoiceSetStatus;
  balanceCents: number;
  minInstallmentCents: number;
  patientPlanMonths: number[];
  today: string;
  /** Whether the patient has a card on file (autopay is possible). */
  hasCard: boolean;
  /** The clinic's zone: plan dates are its calendar days. */
  timeZone: string;
  plan: PaymentPlanView | null;
}

/**
 * A set's plan context for one clinic (null: no such set there). The latest plan comes
 * with its installments and how much of each the payments so far cover.
 */
export async function loadPaymentPlanContext(
  db: Executor,
  ref: { clinicId: string; invoiceSetId: string },
  now: Date = new Date(),
): Promise<PaymentPlanContext | null> {
  const [row] = await db
    .select({
      status: invoiceSets.status,
      balanceCents: invoiceSets.amountOutstandingCents,
      timeZone: clinics.timeZone,
      minInstallmentCents: clinics.minInstallmentCents,
      patientPlanMonths: clinics.patientPlanMonths,
      cardId: paymentCards.id,
    })
    .from(invoiceSets)
    .innerJoin(clinics, eq(clinics.id, invoiceSets.clinicId))
    .leftJoin(
      paymentCards,
      and(eq(paymentCards.patientId, invoiceSets.patientId), eq(paymentCards.clinicId, invoiceSets.clinicId)),
    )
    .where(and(eq(invoiceSets.id, ref.invoiceSetId), eq(invoiceSets.clinicId, ref.clinicId)));
  if (!row) return null;
  const [plan] = await db
    .select()
    .from(paymentPlans)
    .where(and(eq(paymentPlans.invoiceSetId, ref.invoiceSetId), eq(paymentPlans.clinicId, ref.clinicId)))
    .orderBy(desc(paymentPlans.createdAt))
    .limit(1);
  let view: PaymentPlanView | null = null;
  if (plan) {
    const items = await db
      .select()
      .from(paymentPlanInstallments)
      .where(and(eq(paymentPlanInstallments.planId, plan.id), eq(paymentPlanInstallments.clinicId, ref.clinicId)))
      .orderBy(asc(paymentPlanInstallments.seq));
    // Paid toward the plan: the balance when it began minus what is owed now (all of it once the set is paid).
    const paid = plan.status === "completed" ? plan.totalCents : plan.startBalanceCents - row.balanceCents;
    const covered = coverInstallments(
      items.map((item) => item.amountCents),
      paid,
    );
    view = {
      id: plan.id,
      status: plan.status,
      frequency: plan.frequency,
      totalCents: plan.totalCents,
      statusReason: plan.statusReason,
      installments: items.map((item, i) => ({
        seq: item.seq,
        dueOn: item.dueOn,
        amountCents: item.amountCents,
        isDownPayment: item.isDownPayment,
        paidCents: covered[i] ?? 0,
      })),
    };
  }
  return {
    invoiceSetId: ref.invoiceSetId,
    status: row.status,
    balanceCents: row.balanceCents,
    minInstallmentCents: row.minInstallmentCents,
    patientPlanMonths: row.patientPlanMonths,
    today: calendarDateInZone(now, row.timeZone),
    timeZone: row.timeZone,
    hasCard: row.cardId !== null,
    plan: view,
  };
}

/** The plan context of a patient's open invoice set, if they have one (the staff patient page). */
export async function loadPatientPaymentPlanContext(
  db: Executor,
  ref: { clinicId: string; patientId: string },
): Promise<PaymentPlanContext | null> {
  const [open] = await db
    .select({ id: invoiceSets.id })
    .from(invoiceSets)
    .where(
      and(
        eq(invoiceSets.clinicId, ref.clinicId),
        eq(invoiceSets.patientId, ref.patientId),
        inArray(invoiceSets.status, OPEN_INVOICE_SET_STATUSES),
      ),
    );
  return open ? loadPaymentPlanContext(db, { clinicId: ref.clinicId, invoiceSetId: open.id }) : null;
}
