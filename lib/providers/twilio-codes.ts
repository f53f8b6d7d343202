/**
 * Twilio error codes that mean the number will never take a text, and what that means
 * for the patient's record. Anything else is temporary (retry later) or unknown
 * (recorded for review, never fatal).
 */
type Effect = "invalid" | "opted_out" | "landline" | "unreachable";

const PERMANENT: Record<string, { effect: Effect; reason: string }> = {
  "21211": { effect: "invalid", reason: "Phone number is not valid (Twilio 21211)" },
  "21610": { effect: "opted_out", reason: "Patient opted out of texts (Twilio 21610)" },
  "21612": { effect: "unreachable", reason: "Texts can't be routed to this number (Twilio 21612)" },
  "21614": { effect: "landline", reason: "Landline: this number can't receive texts (Twilio 21614)" },
  "30005": { effect: "unreachable", reason: "Number unknown or no longer in service (Twilio 30005)" },
  "30006": { effect: "landline", reason: "Landline: this number can't receive texts (Twilio 30006)" },
};

const TEMPORARY = new Set(["30001", "30003", "30017", "30022"]);

export type TwilioCodeKind = "permanent" | "temporary" | "unknown";

export function classifyTwilioCode(code: string): TwilioCodeKind {
  if (code in PERMANENT) return "permanent";
  if (TEMPORARY.has(code)) return "temporary";
  return "unknown";
}

export function isPermanentTwilioCode(code: string): boolean {
  return classifyTwilioCode(code) === "permanent";
}

export function twilioCodeEffect(code: string): Effect | null {
  return PERMANENT[code]?.effect ?? null;
}

export function twilioCodeReason(code: string): string {
  return (
    PERMANENT[code]?.reason ??
    (TEMPORARY.has(code) ? `Temporarily unreachable (Twilio ${code})` : `Unrecognised delivery error (Twilio ${code})`)
  );
}
