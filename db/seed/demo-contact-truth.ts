import type { Patient } from "@/db/schema";
import { channelProblem } from "@/lib/outreach/predict-delivery";
import { twilioCodeReason } from "@/lib/providers/twilio-codes";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import type { DemoMessage, HiddenContactTruth } from "./demo-message";

/*
 * What the demo's outreach finds out about contact details: which patients have a landline or
 * a dead mailbox, and how the engine's view of a patient changes after a permanent failure.
 */

export const LANDLINE_REASON = twilioCodeReason("30006");
export const BOUNCE_REASON = "Email bounced: mailbox does not exist";

/** Every 25th patient from the 10th has a landline, from the 14th a dead mailbox: outreach finds out by trying. */
export function hiddenTruthOf(index: number): HiddenContactTruth {
  return { landline: index % 25 === 9, mailboxGone: index % 25 === 13 };
}

/**
 * Whether this set draws the one-in-four part payment. The random stream is shared by every
 * later patient, so the draw happens exactly where earlier seeds drew it (outreach sets of
 * every other patient with a contact problem never did): the sets other tests rely on stay
 * as they were.
 */
export function drawsPartPayment(drawn: InvoiceSetStatus, index: number): boolean {
  const evenWithProblem = [3, 5, 7, 9, 11, 13].includes(index % 25) && index % 2 === 0;
  if (drawn === "active" || drawn === "will_fail") return !evenWithProblem;
  return drawn === "paused" || drawn === "expired" || drawn === "failed";
}

/** Known before any send: no number, an invalid one, or opted out (the engine's own check). */
export function textsCantReach(patient: Patient): boolean {
  return channelProblem("sms", patient, "UTC") !== null;
}

/** The patient as the engine knows them after a permanent failure on a channel. */
export function learnFailure(patient: Patient, channel: "sms" | "email", at: Date): Patient {
  return channel === "sms"
    ? { ...patient, phoneIsLandline: true, phoneUnusableReason: LANDLINE_REASON }
    : { ...patient, emailUndeliverableAt: at, emailUndeliverableReason: BOUNCE_REASON };
}

/** The provider's words for a failed message, as the webhooks record them. */
export function providerReason(message: DemoMessage): string {
  return message.errorCode ? twilioCodeReason(message.errorCode) : BOUNCE_REASON;
}
