/** How a message reaches a patient. */
export type Channel = "sms" | "email";

// Patients and the timeline read "Text"; staff configuring rules and reading the outbox read "SMS".
const CHANNEL_NAMES: Record<Channel, string> = { sms: "Text", email: "Email" };
const CHANNEL_METHOD_LABELS: Record<Channel, string> = { sms: "SMS", email: "Email" };

/** The channel in sentences, reasons and the Invoice Timeline: "Text" or "Email". */
export function channelName(channel: Channel): string {
  return CHANNEL_NAMES[channel];
}

/** The word in a rule set's Methods column and the Outbox: "SMS" or "Email". */
export function channelMethodLabel(channel: Channel): string {
  return CHANNEL_METHOD_LABELS[channel];
}
