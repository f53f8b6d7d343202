/** How a message reaches a patient. */
export type Channel = "sms" | "email";

/** What a rule does on its day: send by a channel, or "Charge Card" (the card on file). */
export type RuleMethod = Channel | "card";

// Patients and the timeline read "Text"; staff configuring rules and reading the outbox read "SMS".
const CHANNEL_NAMES: Record<RuleMethod, string> = { sms: "Text", email: "Email", card: "Charge Card" };
const CHANNEL_METHOD_LABELS: Record<RuleMethod, string> = { sms: "SMS", email: "Email", card: "Charge Card" };

/** The channel in sentences, reasons and the Invoice Timeline: "Text", "Email" or "Charge Card". */
export function channelName(channel: RuleMethod): string {
  return CHANNEL_NAMES[channel];
}

/** The word in a rule set's Methods column and the Outbox: "SMS", "Email" or "Charge Card". */
export function channelMethodLabel(channel: RuleMethod): string {
  return CHANNEL_METHOD_LABELS[channel];
}

/** A rule's methods in order: its channels, then Charge Card. */
export function ruleMethods(rule: { channels: readonly Channel[]; chargeCard: boolean }): RuleMethod[] {
  return rule.chargeCard ? [...rule.channels, "card"] : [...rule.channels];
}
