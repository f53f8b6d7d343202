import type { z } from "zod";
import { inngest } from "@/inngest/client";
import { invoiceSetActivated, invoiceSetStopped, type ruleDuePayload, setRef } from "@/inngest/events";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { expireSequence } from "@/lib/outreach/expire-sequence";
import { type PlanResult, planNextRule, planNextRules } from "@/lib/outreach/plan-next-rule";
import type { SendResult } from "@/lib/outreach/send-planned-rule";
import type { SequenceDeps } from "./deps";
import type { createSendRuleFunction } from "./send-outreach-rule";

export type { SequenceDeps } from "./deps";

/** The largest number of rules a rule set may hold, plus the expiry; a guard against loops. */
const MAX_ITERATIONS = 32;
/** Sends moved on by the send window at send time, per rule; a guard against loops. */
const MAX_DEFERRALS = 8;
/** Inngest sleeps are bounded; a longer wait (a 90-day expiry) is slept in parts this long. */
export const MAX_SLEEP_MS = 6 * 86_400_000;

export interface StepTools {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  /** Plans the set's next rule (planNextRule) as a step. */
  plan(id: string, ref: SetRef): Promise<unknown>;
  sleepUntil(id: string, time: string): Promise<unknown>;
  /** Sends a due rule through the throttled send function. */
  sendRule(id: string, plan: z.infer<typeof ruleDuePayload>): Promise<unknown>;
}

export type SequenceOutcome =
  | { outcome: "stopped"; reason: string; sentSteps: number[] }
  | { outcome: "will_fail" | "failed"; reason: string; sentSteps: number[] }
  | { outcome: "expired"; sentSteps: number[] };

/**
 * One set's outreach, as plain step logic run by either engine (Inngest, or the local one
 * in inngest/local/). Each loop: plan the next rule (send time in the patient's window,
 * recorded on the set; Will Fail if no channel would work), sleep until then, then send
 * through the throttled send function (which re-reads the set and re-checks the window:
 * if it's outside now, sleep to the next slot and send then). After the last rule, wait
 * for the expiry and mark the set Expired if it still owes.
 */
export async function runSequence(rawData: unknown, step: StepTools, deps: SequenceDeps): Promise<SequenceOutcome> {
  const ref = setRef.parse(rawData);
  const sentSteps: number[] = [];
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const plan = (await step.plan(`plan-${iteration}`, ref)) as PlanResult;
    if (plan.kind === "stop") return { outcome: "stopped", reason: plan.reason, sentSteps };
    if (plan.kind === "will_fail") return { outcome: "will_fail", reason: plan.reason, sentSteps };
    if (plan.kind === "expire") {
      await sleepInParts(step, `wait-expiry-${plan.cycle}`, plan.plannedAt, plan.at);
      const expired = (await step.run(`expire-${plan.cycle}`, async () =>
        expireSequence(await deps.db(), { ...ref, cycle: plan.cycle }),
      )) as Awaited<ReturnType<typeof expireSequence>>;
      return expired.kind === "expired"
        ? { outcome: "expired", sentSteps }
        : { outcome: "stopped", reason: expired.reason, sentSteps };
    }
    await sleepInParts(step, `wait-rule-${plan.stepIndex}`, plan.plannedAt, plan.sendAt);
    const payload = { ...ref, stepIndex: plan.stepIndex, cycle: plan.cycle, ruleId: plan.ruleId };
    let sent = (await step.sendRule(`send-rule-${plan.stepIndex}`, payload)) as SendResult;
    for (let deferral = 0; sent.kind === "deferred" && deferral < MAX_DEFERRALS; deferral += 1) {
      await step.sleepUntil(`wait-window-${plan.stepIndex}-${deferral}`, sent.at);
      sent = (await step.sendRule(`send-rule-${plan.stepIndex}-${deferral + 1}`, payload)) as SendResult;
    }
    if (sent.kind === "deferred") return { outcome: "stopped", reason: "no send window reached", sentSteps };
    if (sent.kind === "stop") return { outcome: "stopped", reason: sent.reason, sentSteps };
    if (sent.kind === "will_fail" || sent.kind === "failed")
      return { outcome: sent.kind, reason: sent.reason, sentSteps };
    sentSteps.push(plan.stepIndex);
  }
  return { outcome: "stopped", reason: "too many steps", sentSteps };
}

type SetRef = z.infer<typeof setRef>;

/** The plan step's body, the same for both engines (the local one runs it for many sets at once). */
export async function planStepBody(ref: SetRef, deps: SequenceDeps): Promise<PlanResult> {
  return planNextRule(await deps.db(), ref, deps.now());
}

/** planStepBody for many sets at once (the local engine's batches); each plan or error in its place. */
export async function planStepBodies(refs: SetRef[], deps: SequenceDeps): Promise<(PlanResult | Error)[]> {
  return planNextRules(await deps.db(), refs, deps.now());
}

/** Sleeps until `until`, in parts no longer than MAX_SLEEP_MS counted from the (memoized) plan time. */
async function sleepInParts(step: StepTools, id: string, plannedAt: string, until: string) {
  const target = Date.parse(until);
  let at = Date.parse(plannedAt);
  for (let part = 0; target - at > MAX_SLEEP_MS; part += 1) {
    at += MAX_SLEEP_MS;
    await step.sleepUntil(`${id}-part-${part}`, new Date(at).toISOString());
  }
  await step.sleepUntil(id, until);
}

/** Builds the Inngest function; the app registers the default one, tests build their own deps. */
export function createSequenceFunction(
  deps: SequenceDeps,
  sendRuleFunction: ReturnType<typeof createSendRuleFunction>,
) {
  return inngest.createFunction(
    {
      id: FUNCTION_IDS.sequence,
      triggers: [invoiceSetActivated],
      // Pause, Cancel, Write Off, Collections, Change Rule Set and payment in full publish this.
      cancelOn: [{ event: invoiceSetStopped, match: "data.invoiceSetId" }],
      // One run per set: a new activation (Resume, contact fixed, settings changed) replaces a sleeping run.
      singleton: { key: "event.data.invoiceSetId", mode: "cancel" },
    },
    async ({ event, step }) =>
      runSequence(
        event.data,
        {
          run: (id, fn) => step.run(id, fn),
          plan: (id, ref) => step.run(id, () => planStepBody(ref, deps)),
          sleepUntil: (id, time) => step.sleepUntil(id, time),
          sendRule: (id, plan) => step.invoke(id, { function: sendRuleFunction, data: plan }),
        },
        deps,
      ),
  );
}
