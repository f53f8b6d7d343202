import { randomBytes } from "node:crypto";
import type { Clinic, Patient, Rule } from "@/db/schema";
import { formatCents } from "@/lib/money";
import { channelProblem } from "@/lib/outreach/predict-delivery";
import { computeSendTime } from "@/lib/outreach/send-window";
import { hashLinkToken } from "@/lib/patient-links/hash-link-token";
import { patientTimeZone } from "@/lib/patients/patient-time-zone";
import { renderTemplate } from "@/lib/rule-sets/template";

type Channel = "sms" | "email";

export interface DemoMessage {
  channel: Channel;
  destination: string;
  body: string;
  sentAt: Date;
  status: "delivered" | "undelivered" | "bounced";
  errorCode: string | null;
}

/**
 * A patient link for a demo set, stored hashed like real ones, so the demo's message links
 * open (token generation mirrors lib/patient-links/tokens.ts, which is server-only).
 */
export function demoPatientLink(appUrl: string): { token: string; tokenHash: string; url: string } {
  const token = randomBytes(32).toString("base64url");
  return {
    token,
    tokenHash: hashLinkToken(token),
    url: new URL(`/p/${token}`, appUrl).toString(),
  };
}

/** What outreach learns only by trying: a number that is a landline, a mailbox that no longer exists. */
export interface HiddenContactTruth {
  landline: boolean;
  mailboxGone: boolean;
}

/**
 * What one rule would really have sent this patient on one channel, or null when nothing
 * would have gone out: not yet due (no "sent" time after now), or the engine's own check
 * (lib/outreach/predict-delivery.ts) said the channel can't be used with the facts known at
 * that moment (no or invalid number, opted out by then, a landline or bounce already learnt).
 * The time is the rule's day moved into the clinic's send window in the patient's zone; the
 * delivery result follows from what the number and mailbox really are (`truth`).
 */
export function demoMessage(params: {
  clinic: Clinic;
  /** The contact facts as known so far (flags learnt from earlier failures included). */
  patient: Patient;
  truth: HiddenContactTruth;
  rule: Rule;
  channel: Channel;
  startedAt: Date;
  now: Date;
  amountCents: number;
  payLink: string;
}): DemoMessage | null {
  const { clinic, patient, rule, channel, truth } = params;
  const sentAt = computeSendTime({
    sequenceStartedAt: params.startedAt,
    delayDays: rule.delayDays,
    timeZone: patientTimeZone(patient, clinic),
    window: { startMinute: clinic.sendWindowStartMinute, endMinute: clinic.sendWindowEndMinute, days: clinic.sendDays },
  });
  if (sentAt.getTime() > params.now.getTime()) return null;
  const knownBy = (at: Date | null) => (at && at.getTime() <= sentAt.getTime() ? at : null);
  const factsThen = {
    ...patient,
    smsOptedOutAt: knownBy(patient.smsOptedOutAt),
    emailUndeliverableAt: knownBy(patient.emailUndeliverableAt),
  };
  if (channelProblem(channel, factsThen, clinic.timeZone)) return null;
  const destination = channel === "sms" ? patient.phone : patient.email;
  if (!destination) return null;
  const body = renderTemplate(rule.template, {
    first_name: patient.firstName,
    balance: clinic.showAmountInMessages ? formatCents(params.amountCents) : "your balance",
    clinic_name: clinic.name,
    clinic_phone: clinic.phone ?? "",
    pay_link: params.payLink,
  });
  const failure =
    channel === "sms" && truth.landline
      ? { status: "undelivered" as const, errorCode: "30006" }
      : channel === "email" && truth.mailboxGone
        ? { status: "bounced" as const, errorCode: null }
        : null;
  return {
    channel,
    destination,
    body,
    sentAt,
    status: failure?.status ?? "delivered",
    errorCode: failure?.errorCode ?? null,
  };
}
