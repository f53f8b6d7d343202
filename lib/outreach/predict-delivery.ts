import { isValidPhoneNumber } from "libphonenumber-js";
import { z } from "zod";
import { type Channel, channelName, type RuleMethod } from "./channels";

/** What prediction needs to know about a patient's contact details. */
export interface PatientContact {
  phone: string | null;
  email: string | null;
  smsOptedOutAt: Date | null;
  phoneIsLandline: boolean;
  phoneUnusableReason: string | null;
  emailUndeliverableAt: Date | null;
  emailUndeliverableReason: string | null;
}

export interface DeliveryPrediction {
  /** Methods that would work. */
  usable: RuleMethod[];
  /** Methods that would fail, each with why. */
  skipped: { channel: RuleMethod; reason: string }[];
  /** True when every channel of the rule would fail: the set is Will Fail. */
  willFail: boolean;
  /** One line for the table and timeline when willFail. */
  reason: string | null;
}

const emailSchema = z.email();

/** Why one channel cannot reach the patient, or null when it can. */
export function channelProblem(channel: Channel, patient: PatientContact): string | null {
  if (channel === "sms") {
    if (!patient.phone || patient.phone.trim() === "") return "No phone number on file";
    if (!isValidPhoneNumber(patient.phone)) return `Phone number ${patient.phone} is not valid`;
    if (patient.smsOptedOutAt) return "Patient opted out of texts (replied STOP)";
    if (patient.phoneIsLandline) return "Phone number is a landline and can't receive texts";
    if (patient.phoneUnusableReason) return patient.phoneUnusableReason;
    return null;
  }
  if (!patient.email || patient.email.trim() === "") return "No email address on file";
  if (!emailSchema.safeParse(patient.email).success) return `Email address ${patient.email} is not valid`;
  if (patient.emailUndeliverableAt) return patient.emailUndeliverableReason ?? "Email address is undeliverable";
  return null;
}

/**
 * Will the next rule reach the patient? If one method works, that one is used and the
 * others skipped; only when none works is the set predicted to fail ("Charge Card" alone
 * without a card on file: "No card on file").
 */
export function predictDelivery(
  channels: readonly RuleMethod[],
  patient: PatientContact,
  hasCardOnFile: boolean,
): DeliveryPrediction {
  const usable: RuleMethod[] = [];
  const skipped: DeliveryPrediction["skipped"] = [];
  for (const channel of channels) {
    const problem = channel === "card" ? (hasCardOnFile ? null : "No card on file") : channelProblem(channel, patient);
    if (problem) skipped.push({ channel, reason: problem });
    else usable.push(channel);
  }
  const willFail = channels.length > 0 && usable.length === 0;
  const reason = willFail
    ? skipped.length === 1
      ? (skipped[0]?.reason ?? null)
      : `No channel left: ${skipped.map((s) => `${channelName(s.channel)}: ${s.reason}`).join("; ")}`
    : null;
  return { usable, skipped, willFail, reason };
}
