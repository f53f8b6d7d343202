import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { parsePhoneNumberFromString } from "libphonenumber-js";

export interface ContactFacts {
  phone: string | null;
  email: string | null;
  smsOptedOutAt: Date | null;
  phoneIsLandline: boolean;
  phoneUnusableReason: string | null;
  emailUndeliverableAt: Date | null;
}

export interface ContactProblem {
  /** What stands in the way, in words staff can act on ("Opted out of texts on Oct 2"). */
  reasons: string[];
  /** Texts cannot reach the patient, so an email-only rule set is a fix. */
  textsBlocked: boolean;
  /** Email can reach the patient. */
  emailUsable: boolean;
}

/**
 * Why outreach will fail (or failed) for a patient, from their contact facts: the reason a
 * Will Fail or Failed row shows, and which fixes apply.
 */
export function explainContactProblem(patient: ContactFacts, timeZone: string): ContactProblem {
  const day = (date: Date) => format(new TZDate(date, timeZone), "MMM d");
  const reasons: string[] = [];
  let textsBlocked = true;
  if (patient.smsOptedOutAt) reasons.push(`Opted out of texts on ${day(patient.smsOptedOutAt)}`);
  else if (!patient.phone) reasons.push("No phone number on file");
  else if (patient.phoneIsLandline) reasons.push("Number is a landline (30006)");
  else if (patient.phoneUnusableReason) reasons.push(patient.phoneUnusableReason);
  else if (!parsePhoneNumberFromString(patient.phone)?.isValid()) reasons.push("Phone number is not valid");
  else textsBlocked = false;
  const emailUsable = Boolean(patient.email) && !patient.emailUndeliverableAt;
  if (patient.emailUndeliverableAt) reasons.push(`Email bounced on ${day(patient.emailUndeliverableAt)}`);
  else if (!patient.email) reasons.push("No email on file");
  return { reasons, textsBlocked, emailUsable };
}
