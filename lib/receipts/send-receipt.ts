import "server-only";
import { render } from "@react-email/render";
import { and, asc, eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { z } from "zod";
import { ReceiptEmail } from "@/components/emails/receipt-email";
import type { Db, Executor } from "@/db/connect";
import { clinics, invoiceSets, invoices, patients, payments, timelineEvents } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { formatCalendarDate, formatDateInZone } from "@/lib/format/dates";
import { formatPhone } from "@/lib/format/phone";
import { formatCents } from "@/lib/money";
import { channelProblem } from "@/lib/outreach/predict-delivery";
import { PATIENT_LINK_PLACEHOLDER } from "@/lib/patient-links/link-placeholder";
import { patientTimeZoneSql } from "@/lib/patients/patient-time-zone";
import { loadPaymentPlanContext } from "@/lib/payment-plans/load-payment-plan";
import { PAYMENT_METHOD_LABELS } from "@/lib/payments/payment-input";
import { isOpenInvoiceSetStatus } from "@/lib/state-machine/statuses";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import type { ReceiptSenders } from "./receipt-senders";
import { textReceipt } from "./text-receipt";

export const receiptRequestSchema = z.object({
  clinicId: z.uuid(),
  patientId: z.uuid(),
  receiptId: z.uuid(),
  amountCents: z.number().int().positive(),
});
export type ReceiptRequest = z.infer<typeof receiptRequestSchema>;

export type ReceiptOutcome =
  | { status: "sent"; channel: "email" | "sms"; to: string }
  | { status: "skipped"; reason: "no_payment" | "already_sent" | "no_contact" };

type ActivePlan = NonNullable<Awaited<ReturnType<typeof activePlan>>>;

/** The set's running payment plan, with what is paid of each installment; null without one. */
async function activePlan(db: Db, ref: { clinicId: string; invoiceSetId: string }, now: Date) {
  const context = await loadPaymentPlanContext(db, ref, now);
  return context?.plan?.status === "active" ? context.plan : null;
}

/** One line for a text: "Payment plan: 1 of 3 paid, next $30.00 on Jan 3, 2027." */
function planSummary(plan: ActivePlan): string {
  const paid = plan.installments.filter((item) => item.paidCents >= item.amountCents);
  const next = plan.installments.find((item) => item.paidCents < item.amountCents);
  const upcoming = next
    ? `, next ${formatCents(next.amountCents - next.paidCents)} on ${formatCalendarDate(next.dueOn)}`
    : "";
  return `Payment plan: ${paid.length} of ${plan.installments.length} paid${upcoming}.`;
}

/**
 * Sends one receipt for a payment (online or recorded by staff): by email when the patient
 * has a deliverable address, else by text with a link to the statement, and writes "Receipt
 * sent" on the set's timeline. Running it twice for one receipt sends once.
 */
export async function sendReceipt(
  db: Db,
  request: ReceiptRequest,
  senders: ReceiptSenders,
  now = new Date(),
): Promise<ReceiptOutcome> {
  const { clinicId, patientId, receiptId } = receiptRequestSchema.parse(request);
  const parts = await db
    .select({
      amountCents: payments.amountCents,
      method: payments.method,
      receivedAt: payments.receivedAt,
      invoiceNumber: invoices.number,
      invoiceSetId: invoices.invoiceSetId,
    })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(and(eq(payments.clinicId, clinicId), eq(payments.receiptId, receiptId), eq(invoices.patientId, patientId)))
    .orderBy(asc(invoices.number));
  const first = parts[0];
  if (!first) return { status: "skipped", reason: "no_payment" };
  const invoiceSetId = first.invoiceSetId;

  const already = await db
    .select({ id: timelineEvents.id })
    .from(timelineEvents)
    .where(
      and(
        eq(timelineEvents.clinicId, clinicId),
        sql`${timelineEvents.details}->>'receiptId' = ${receiptId}`,
        eq(timelineEvents.kind, "message_sent"),
      ),
    )
    .limit(1);
  if (already.length > 0) return { status: "skipped", reason: "already_sent" };

  const [context] = await db
    .select({
      clinicName: clinics.name,
      clinicPhone: clinics.phone,
      patientLinkDays: clinics.patientLinkDays,
      firstName: patients.firstName,
      email: patients.email,
      emailUndeliverableAt: patients.emailUndeliverableAt,
      emailUndeliverableReason: patients.emailUndeliverableReason,
      phone: patients.phone,
      smsOptedOutAt: patients.smsOptedOutAt,
      phoneIsLandline: patients.phoneIsLandline,
      phoneUnusableReason: patients.phoneUnusableReason,
      timeZone: patientTimeZoneSql,
    })
    .from(patients)
    .innerJoin(clinics, eq(clinics.id, patients.clinicId))
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)));
  if (!context) return { status: "skipped", reason: "no_payment" };
  const [set] = invoiceSetId
    ? await db
        .select({ status: invoiceSets.status, amountOutstandingCents: invoiceSets.amountOutstandingCents })
        .from(invoiceSets)
        .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)))
    : [];

  const totalCents = parts.reduce((sum, part) => sum + part.amountCents, 0);
  const amount = formatCents(totalCents);
  const receivedOn = formatDateInZone(first.receivedAt, context.timeZone);
  const remaining = set?.amountOutstandingCents ?? 0;
  const paidInFull = remaining === 0;
  const method = PAYMENT_METHOD_LABELS[first.method];
  const plan = invoiceSetId && !paidInFull ? await activePlan(db, { clinicId, invoiceSetId }, now) : null;
  const log = (executor: Executor, summary: string, kind: "message_sent" | "note", details: Record<string, unknown>) =>
    recordTimelineEvent(executor, {
      clinicId,
      invoiceSetId,
      kind,
      actor: SYSTEM,
      summary,
      details: { receiptId, ...details },
      occurredAt: now,
    });

  if (context.email && channelProblem("email", context, context.timeZone) === null) {
    const element = createElement(ReceiptEmail, {
      clinicName: context.clinicName,
      clinicPhone: context.clinicPhone ? formatPhone(context.clinicPhone) : null,
      patientFirstName: context.firstName,
      amount,
      receivedOn,
      method,
      lines: parts.map((part) => ({ label: `Invoice #${part.invoiceNumber}`, amount: formatCents(part.amountCents) })),
      remainingBalance: formatCents(remaining),
      paidInFull,
      planLines:
        plan?.installments.map(
          (item) =>
            `${formatCalendarDate(item.dueOn)}: ${formatCents(item.amountCents)} (${item.paidCents >= item.amountCents ? "Paid" : "Scheduled"})`,
        ) ?? [],
    });
    const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
    const sent = await senders.email({
      to: context.email,
      subject: `Receipt: ${amount} paid to ${context.clinicName}`,
      html,
      text,
      idempotencyKey: `receipt-${receiptId}`,
    });
    await log(db, `Receipt sent by email to ${context.email}: ${amount}`, "message_sent", {
      channel: "email",
      to: context.email,
      ...sent,
    });
    return { status: "sent", channel: "email", to: context.email };
  }

  // Paid invoices always belong to a set: the text is a message of that set.
  if (context.phone && channelProblem("sms", context, context.timeZone) === null && invoiceSetId) {
    const to = context.phone;
    const tail =
      set && isOpenInvoiceSetStatus(set.status) && !paidInFull
        ? `Remaining balance ${formatCents(remaining)}.${plan ? ` ${planSummary(plan)}` : ""} Your statement: ${PATIENT_LINK_PLACEHOLDER}`
        : "Your balance is paid in full.";
    const text = `${context.clinicName}: thank you, we received your ${amount} payment on ${receivedOn}. ${tail}`;
    await textReceipt(
      db,
      {
        clinicId,
        invoiceSetId,
        receiptId,
        to,
        text,
        clinicName: context.clinicName,
        patientLinkDays: context.patientLinkDays,
        transport: senders.sms,
        now,
      },
      (tx, message) =>
        log(tx, `Receipt sent by text to ${to}: ${amount}`, "message_sent", {
          channel: "sms",
          to,
          messageId: message.id,
          providerId: message.providerId,
          transport: message.transport,
        }),
    );
    return { status: "sent", channel: "sms", to };
  }

  await log(db, "Receipt not sent: no deliverable email or textable phone on file", "note", {});
  return { status: "skipped", reason: "no_contact" };
}
