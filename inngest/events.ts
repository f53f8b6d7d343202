import { eventType } from "inngest";
import { z } from "zod";
import { messageChannelEnum, messageStatusEnum } from "@/db/schema/enums";
import { UNUSABLE_EFFECTS } from "@/lib/state-machine/patient-channels";

/**
 * Every event the app sends. Payloads are validated by these schemas on both sides.
 * Events go out only after the transaction that caused them commits.
 */
export const setRef = z.object({ clinicId: z.uuid(), invoiceSetId: z.uuid() });

/** A set became active (opened, resumed, rule set changed, prediction cleared): run its sequence. */
export const invoiceSetActivated = eventType("billing/invoice-set.activated", { schema: setRef });

/** Outreach for a set must stop (paused, cancelled, written off, collections, paid, rule set changed). */
export const invoiceSetStopped = eventType("billing/invoice-set.stopped", {
  schema: setRef.extend({ reason: z.string() }),
});

/** A patient's phone or email changed: re-check whether the next message would fail. */
export const patientRef = z.object({ clinicId: z.uuid(), patientId: z.uuid() });
export const patientContactChanged = eventType("billing/patient.contact-changed", { schema: patientRef });

/** Money arrived (staff-recorded or online): send a receipt. */
export const paymentReceived = eventType("billing/payment.received", {
  schema: z.object({
    clinicId: z.uuid(),
    patientId: z.uuid(),
    receiptId: z.uuid(),
    amountCents: z.number().int().positive(),
  }),
});

/** A rule is due: the sequence invokes the throttled send function with it (step.invoke). */
export const ruleDuePayload = z.object({
  clinicId: z.uuid(),
  invoiceSetId: z.uuid(),
  stepIndex: z.number().int().nonnegative(),
  cycle: z.number().int().nonnegative(),
  ruleId: z.uuid(),
});
export const outreachRuleDue = eventType("billing/outreach.rule-due", { schema: ruleDuePayload });

/** A message came back with a temporary error (e.g. Twilio 30003): try it once more later. */
export const messageRef = z.object({ clinicId: z.uuid(), messageId: z.uuid() });
export const messageTemporarilyFailed = eventType("billing/outreach.message-temporarily-failed", {
  schema: messageRef,
});

/**
 * A message failed for good (a landline, a hard bounce): the patient's channel is marked and
 * the set fails, off the webhook's path. Carries what the receipt said, so the run reads nothing.
 */
export const permanentFailure = setRef.extend({
  patientId: z.uuid(),
  messageId: z.uuid(),
  channel: z.enum(messageChannelEnum.enumValues),
  status: z.enum(messageStatusEnum.enumValues),
  code: z.string().nullable(),
  effect: z.enum(UNUSABLE_EFFECTS),
  reason: z.string().min(1),
  at: z.iso.datetime(),
});
export type PermanentFailure = z.infer<typeof permanentFailure>;
export const messagePermanentlyFailed = eventType("billing/outreach.message-permanently-failed", {
  schema: permanentFailure,
});

/** Any event the app publishes (after commit: lib/events/run-use-case.ts). */
export type AppEvent =
  | ReturnType<typeof invoiceSetActivated.create>
  | ReturnType<typeof invoiceSetStopped.create>
  | ReturnType<typeof patientContactChanged.create>
  | ReturnType<typeof paymentReceived.create>
  | ReturnType<typeof messageTemporarilyFailed.create>
  | ReturnType<typeof messagePermanentlyFailed.create>;
