import { z } from "zod";

/**
 * The Outbox "Simulate" menu: what a provider or patient could report, by channel.
 * `failsSet`: a permanent failure, whose set the outreach engine fails moments after the
 * webhook (lib/outreach/fail-set-for-delivery.ts).
 */
export const SIMULATIONS = {
  delivered: { label: "Delivered", channels: ["sms", "email"], failsSet: false },
  failed_landline: { label: "Failed: landline (30006)", channels: ["sms"], failsSet: true },
  failed_invalid: { label: "Failed: invalid number (21211)", channels: ["sms"], failsSet: true },
  bounced: { label: "Bounced", channels: ["email"], failsSet: true },
  reply_stop: { label: "Patient replied STOP", channels: ["sms"], failsSet: false },
} as const;

export type Simulation = keyof typeof SIMULATIONS;

export const simulateInputSchema = z.object({
  messageId: z.uuid("This message link is not valid."),
  simulation: z.enum(Object.keys(SIMULATIONS) as [Simulation, ...Simulation[]], "Choose what to simulate."),
});
