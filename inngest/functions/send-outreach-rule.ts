import { eventType } from "inngest";
import { z } from "zod";
import { inngest } from "@/inngest/client";
import { outreachSendsPerMinute } from "@/lib/env-schema";
import { sendPlannedRule } from "@/lib/outreach/send-planned-rule";
import type { SequenceDeps } from "./run-invoice-set-sequence";

export const ruleDuePayload = z.object({
  clinicId: z.uuid(),
  invoiceSetId: z.uuid(),
  stepIndex: z.number().int().nonnegative(),
  cycle: z.number().int().nonnegative(),
  ruleId: z.uuid(),
});

/** Only ever invoked by the sequence (step.invoke); the event type names its payload. */
export const outreachRuleDue = eventType("billing/outreach.rule-due", { schema: ruleDuePayload });

/** Per-clinic send rate (rules sent per minute); OUTREACH_SENDS_PER_MINUTE overrides the default 60. */
export function sendsPerMinute(): number {
  return outreachSendsPerMinute(process.env);
}

/**
 * Sends one due rule. A function of its own because Inngest throttles run starts, not steps
 * after a sleep: invoking this per rule is what caps each clinic's send rate.
 */
export function createSendRuleFunction(deps: SequenceDeps) {
  return inngest.createFunction(
    {
      id: "send-outreach-rule",
      triggers: [outreachRuleDue],
      throttle: { key: "event.data.clinicId", limit: sendsPerMinute(), period: "1m" },
      concurrency: [{ key: "event.data.invoiceSetId", limit: 1 }],
    },
    async ({ event, step }) => {
      const plan = ruleDuePayload.parse(event.data);
      return step.run("send", async () => sendPlannedRule(await deps.db(), deps.transports(), plan, deps.now()));
    },
  );
}
