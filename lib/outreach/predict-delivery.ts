import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { isValidPhoneNumber } from "libphonenumber-js";
import { z } from "zod";
import type { Channel, RuleMethod } from "./channels";
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
  /** One line for the row, the status reason and the timeline when willFail. */
  reason: string | null;
}

const emailSchema = z.email();

/**
 * Why one channel cannot reach the patient, in the words staff read on the row, the status
 * reason and the timeline ("Opted out of texts on Oct 2", "Email bounced on Nov 3": days in
 * the clinic's zone), or null when it can. The one reason function: prediction, the row,
 * a delivery failure's status reason and the demo data all use it.
 */
export function channelProblem(channel: Channel, patient: PatientContact, timeZone: string): string | null {
  const day = (moment: Date) => format(new TZDate(moment.getTime(), timeZone), "MMM d");
  if (channel === "sms") {
    if (!patient.phone || patient.phone.trim() === "") return "No phone number on file";
    if (!isValidPhoneNumber(patient.phone)) return "Phone number is not valid";
    if (patient.smsOptedOutAt) return `Opted out of texts on ${day(patient.smsOptedOutAt)}`;
    if (patient.phoneIsLandline) {
      // The carrier's code says how we know ("Landline: … (Twilio 30006)").
      const code = patient.phoneUnusableReason?.match(/\b(\d{5})\)?$/)?.[1];
      return code ? `Number is a landline (${code})` : "Number is a landline";
    }
    if (patient.phoneUnusableReason) return patient.phoneUnusableReason;
    return null;
  }
  if (!patient.email || patient.email.trim() === "") return "No email address on file";
  if (!emailSchema.safeParse(patient.email).success) return "Email address is not valid";
  if (patient.emailUndeliverableAt) {
    const reason = patient.emailUndeliverableReason;
    return !reason || reason.startsWith("Email bounced")
      ? `Email bounced on ${day(patient.emailUndeliverableAt)}`
      : `${reason} (${day(patient.emailUndeliverableAt)})`;
  }
  return null;
}

/**
 * Will the next rule reach the patient? If one method works, that one is used and the
 * others skipped; only when none works is the set predicted to fail ("Charge Card" alone
 * without a card on file: "No card on file").
 */
export function predictDelivery(
  methods: readonly RuleMethod[],
  patient: PatientContact,
  facts: { timeZone: string; hasCardOnFile: boolean },
): DeliveryPrediction {
  const usable: RuleMethod[] = [];
  const skipped: DeliveryPrediction["skipped"] = [];
  for (const method of methods) {
    const problem =
      method === "card"
        ? facts.hasCardOnFile
          ? null
          : "No card on file"
        : channelProblem(method, patient, facts.timeZone);
    if (problem) skipped.push({ channel: method, reason: problem });
    else usable.push(method);
  }
  const willFail = methods.length > 0 && usable.length === 0;
  const reason = willFail ? skipped.map((s) => s.reason).join(" · ") : null;
  return { usable, skipped, willFail, reason };
}
