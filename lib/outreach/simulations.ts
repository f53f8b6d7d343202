import { z } from "zod";

/** The Outbox "Simulate" menu: what a provider or patient could report, by channel. */
export const SIMULATIONS = {
  delivered: { label: "Delivered", channels: ["sms", "email"] },
  failed_landline: { label: "Failed: landline (30006)", channels: ["sms"] },
  failed_invalid: { label: "Failed: invalid number (21211)", channels: ["sms"] },
  bounced: { label: "Bounced", channels: ["email"] },
  reply_stop: { label: "Patient replied STOP", channels: ["sms"] },
} as const;

export type Simulation = keyof typeof SIMULATIONS;

export const simulateInputSchema = z.object({
  messageId: z.uuid("This message link is not valid."),
  simulation: z.enum(Object.keys(SIMULATIONS) as [Simulation, ...Simulation[]], "Choose what to simulate."),
});
