import { and, eq, inArray } from "drizzle-orm";
import { isValidPhoneNumber } from "libphonenumber-js";
import type { Executor } from "@/db/connect";
import { patients, type Patient } from "@/db/schema";

export type ContactFacts = Pick<
  Patient,
  "phone" | "email" | "smsOptedOutAt" | "phoneIsLandline" | "phoneUnusableReason" | "emailUndeliverableAt" | "emailUndeliverableReason"
>;

/**
 * Whether the next outreach message would fail, judged from the patient's contact details
 * alone: it fails when there is neither a textable phone nor a deliverable email. Returns
 * the reason staff see beside "Will Fail", or null when a message can go out.
 *
 * Stand-in until the outreach module's per-step prediction (which also knows the next
 * rule's channels) lands on main; Resume then should ask that instead.
 */
export function predictNextSendFailure(contact: ContactFacts): string | null {
  const phoneProblem = !contact.phone
    ? "no phone number on file"
    : !isValidPhoneNumber(contact.phone)
      ? "the phone number is not valid"
      : contact.smsOptedOutAt
        ? "the patient opted out of texts"
        : contact.phoneIsLandline
          ? (contact.phoneUnusableReason ?? "the number is a landline")
          : null;
  if (!phoneProblem) return null;
  const emailProblem = !contact.email
    ? "no email on file"
    : contact.emailUndeliverableAt
      ? (contact.emailUndeliverableReason ?? "email bounced")
      : null;
  if (!emailProblem) return null;
  return `No way to reach the patient: ${phoneProblem}; ${emailProblem}.`;
}

/** Predictions for many patients of one clinic with one query. */
export async function predictForPatients(db: Executor, clinicId: string, patientIds: readonly string[]) {
  const result = new Map<string, string | null>();
  if (patientIds.length === 0) return result;
  const rows = await db
    .select({
      id: patients.id,
      phone: patients.phone,
      email: patients.email,
      smsOptedOutAt: patients.smsOptedOutAt,
      phoneIsLandline: patients.phoneIsLandline,
      phoneUnusableReason: patients.phoneUnusableReason,
      emailUndeliverableAt: patients.emailUndeliverableAt,
      emailUndeliverableReason: patients.emailUndeliverableReason,
    })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, [...new Set(patientIds)])));
  for (const row of rows) result.set(row.id, predictNextSendFailure(row));
  return result;
}
