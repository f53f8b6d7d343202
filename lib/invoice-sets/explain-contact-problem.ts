import { channelProblem, type PatientContact } from "@/lib/outreach/predict-delivery";

export type ContactFacts = PatientContact;

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
 * Will Fail or Failed row shows (the engine's own reason function), and which fixes apply.
 */
export function explainContactProblem(patient: ContactFacts, timeZone: string): ContactProblem {
  const text = channelProblem("sms", patient, timeZone);
  const email = channelProblem("email", patient, timeZone);
  return {
    reasons: [text, email].filter((reason): reason is string => reason !== null),
    textsBlocked: text !== null,
    emailUsable: email === null,
  };
}
