import { randomBytes } from "node:crypto";
import type { Clinic, Patient, Rule } from "@/db/schema";
import { formatCents } from "@/lib/money";
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
  status: "delivered" | "undelivered" | "failed" | "bounced";
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

/**
 * What one rule would really have sent this patient on one channel, or null when nothing
 * would have gone out: not yet due (no "sent" time after now), no phone or email, or texts
 * after the patient opted out, email after it bounced. The time is the rule's day moved into the clinic's send
 * window in the patient's zone; the delivery result follows from the patient's contact
 * facts (landline 30006, invalid number 21211, bounced email).
 */
export function demoMessage(params: {
  clinic: Clinic;
  patient: Patient;
  rule: Rule;
  channel: Channel;
  startedAt: Date;
  now: Date;
  amountCents: number;
  payLink: string;
}): DemoMessage | null {
  const { clinic, patient, rule, channel } = params;
  const sentAt = computeSendTime({
    sequenceStartedAt: params.startedAt,
    delayDays: rule.delayDays,
    timeZone: patientTimeZone(patient, clinic),
    window: { startMinute: clinic.sendWindowStartMinute, endMinute: clinic.sendWindowEndMinute, days: clinic.sendDays },
  });
  if (sentAt.getTime() > params.now.getTime()) return null;
  const destination = channel === "sms" ? patient.phone : patient.email;
  if (!destination) return null;
  if (channel === "sms" && patient.smsOptedOutAt && sentAt >= patient.smsOptedOutAt) return null;
  // After a bounce the address is marked undeliverable and outreach stops emailing it.
  if (channel === "email" && patient.emailUndeliverableAt && sentAt > patient.emailUndeliverableAt) return null;
  const body = renderTemplate(rule.template, {
    first_name: patient.firstName,
    balance: clinic.showAmountInMessages ? formatCents(params.amountCents) : "your balance",
    clinic_name: clinic.name,
    clinic_phone: clinic.phone ?? "",
    pay_link: params.payLink,
  });
  const failure =
    channel === "sms" && patient.phoneIsLandline
      ? { status: "undelivered" as const, errorCode: "30006" }
      : channel === "sms" && !/^\+1\d{10}$/.test(destination)
        ? { status: "failed" as const, errorCode: "21211" }
        : channel === "email" && patient.emailUndeliverableAt && sentAt <= patient.emailUndeliverableAt
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
