import { inngest } from "@/inngest/client";
import { outreachRuleDue, ruleDuePayload } from "@/inngest/events";
import { outreachSendsPerMinute } from "@/lib/env-schema";
import { sendPlannedRule } from "@/lib/outreach/send-planned-rule";
import { sendPlannedRules } from "@/lib/outreach/send-planned-rules";
import type { SequenceDeps } from "./deps";

/** Per-clinic send rate (rules sent per minute); OUTREACH_SENDS_PER_MINUTE overrides the default 60. */
export function sendsPerMinute(): number {
  return outreachSendsPerMinute(process.env);
}

/** The send step's body, the same for both engines. */
export async function sendRuleBody(data: unknown, deps: SequenceDeps) {
  const plan = ruleDuePayload.parse(data);
  return sendPlannedRule(await deps.db(), { transports: deps.transports(), stripe: deps.stripe() }, plan, deps.now());
}

/** The send step's body for many due rules at once (the local engine's batches); each result or error in its place. */
export async function sendRuleBodies(data: readonly unknown[], deps: SequenceDeps) {
  const plans = data.map((item) => ruleDuePayload.parse(item));
  return sendPlannedRules(await deps.db(), { transports: deps.transports(), stripe: deps.stripe() }, plans, deps.now());
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
    async ({ event, step }) => step.run("send", () => sendRuleBody(event.data, deps)),
  );
}
