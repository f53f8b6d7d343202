import { z } from "zod";
import type { Db } from "@/db/connect";
import { inngest } from "@/inngest/client";
import { invoiceSetActivated, invoiceSetStopped } from "@/inngest/events";
import { expireSequence } from "@/lib/outreach/expire-sequence";
import { planNextRule } from "@/lib/outreach/plan-next-rule";
import type { sendPlannedRule } from "@/lib/outreach/send-planned-rule";
import type { Transports } from "@/lib/providers/transport";
import type { createSendRuleFunction, ruleDuePayload } from "./send-outreach-rule";

const payloadSchema = z.object({ clinicId: z.uuid(), invoiceSetId: z.uuid() });

/** The largest number of rules a rule set may hold, plus the expiry; a guard against loops. */
const MAX_ITERATIONS = 32;

export interface SequenceDeps {
  db: () => Promise<Db>;
  transports: () => Transports;
  now: () => Date;
}

interface StepTools {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleepUntil(id: string, time: string): Promise<unknown>;
  /** Sends a due rule through the throttled send function. */
  sendRule(id: string, plan: z.infer<typeof ruleDuePayload>): Promise<unknown>;
}

export type SequenceOutcome =
  | { outcome: "stopped"; reason: string; sentSteps: number[] }
  | { outcome: "will_fail" | "failed"; reason: string; sentSteps: number[] }
  | { outcome: "expired"; sentSteps: number[] };

/**
 * One set's outreach, as plain step logic (tests call it through @inngest/test). Each
 * loop: plan the next rule (send time in the patient's window, recorded on the set;
 * Will Fail if no channel would work), sleep until then, then send through the throttled
 * send function (which re-reads the set first). After the last
 * rule, wait for the expiry and mark the set Expired if it still owes.
 */
export async function runSequence(rawData: unknown, step: StepTools, deps: SequenceDeps): Promise<SequenceOutcome> {
  const ref = payloadSchema.parse(rawData);
  const sentSteps: number[] = [];
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const plan = (await step.run(`plan-${iteration}`, async () =>
      planNextRule(await deps.db(), ref, deps.now()),
    )) as Awaited<ReturnType<typeof planNextRule>>;
    if (plan.kind === "stop") return { outcome: "stopped", reason: plan.reason, sentSteps };
    if (plan.kind === "will_fail") return { outcome: "will_fail", reason: plan.reason, sentSteps };
    if (plan.kind === "expire") {
      await step.sleepUntil(`wait-expiry-${plan.cycle}`, plan.at);
      const expired = (await step.run(`expire-${plan.cycle}`, async () =>
        expireSequence(await deps.db(), { ...ref, cycle: plan.cycle }),
      )) as Awaited<ReturnType<typeof expireSequence>>;
      return expired.kind === "expired"
        ? { outcome: "expired", sentSteps }
        : { outcome: "stopped", reason: expired.reason, sentSteps };
    }
    await step.sleepUntil(`wait-rule-${plan.stepIndex}`, plan.sendAt);
    const sent = (await step.sendRule(`send-rule-${plan.stepIndex}`, {
      ...ref,
      stepIndex: plan.stepIndex,
      cycle: plan.cycle,
      ruleId: plan.ruleId,
    })) as Awaited<ReturnType<typeof sendPlannedRule>>;
    if (sent.kind === "stop") return { outcome: "stopped", reason: sent.reason, sentSteps };
    if (sent.kind === "will_fail" || sent.kind === "failed")
      return { outcome: sent.kind, reason: sent.reason, sentSteps };
    sentSteps.push(plan.stepIndex);
  }
  return { outcome: "stopped", reason: "too many steps", sentSteps };
}

/** Builds the Inngest function; the app registers the default one, tests build their own deps. */
export function createSequenceFunction(
  deps: SequenceDeps,
  sendRuleFunction: ReturnType<typeof createSendRuleFunction>,
) {
  return inngest.createFunction(
    {
      id: "run-invoice-set-sequence",
      triggers: [invoiceSetActivated],
      // Pause, Cancel, Write Off, Collections, Change Rule Set and payment in full publish this.
      cancelOn: [{ event: invoiceSetStopped, match: "data.invoiceSetId" }],
      // One run's steps at a time per set; every step is idempotent, so a duplicate run is harmless.
      concurrency: [{ key: "event.data.invoiceSetId", limit: 1 }],
    },
    async ({ event, step }) =>
      runSequence(
        event.data,
        {
          run: (id, fn) => step.run(id, fn),
          sleepUntil: (id, time) => step.sleepUntil(id, time),
          sendRule: (id, plan) => step.invoke(id, { function: sendRuleFunction, data: plan }),
        },
        deps,
      ),
  );
}
