import type { Db } from "@/db/connect";
import type { SequenceDeps } from "@/inngest/functions/deps";
import { failSetBodies } from "@/inngest/functions/fail-set-on-delivery-failure";
import { runContactChanged } from "@/inngest/functions/on-patient-contact-changed";
import { resendBody, runRetry } from "@/inngest/functions/retry-temporary-failure";
import { planStepBodies, runSequence } from "@/inngest/functions/run-invoice-set-sequence";
import { sendRuleBodies } from "@/inngest/functions/send-outreach-rule";
import { sendReceiptBody } from "@/inngest/functions/send-receipt";
import { readSendBudgets } from "@/lib/outreach/send-budget";
import type { SendResult } from "@/lib/outreach/send-planned-rule";
import { type LocalSteps, Reschedule } from "./local-steps";
import type { Gate, StepBatches } from "./step-batches";
import { FUNCTION_IDS, type FunctionId } from "./triggers";

export interface LocalContext {
  db: Db;
  deps: SequenceDeps;
  /** The process-wide send cap (OUTREACH_SENDS_PER_MINUTE); the clinic's own may be lower. */
  sendsPerMinute: number;
  /** Each clinic's send budget for this pass, read from the database once (see throttle). */
  budgets: Map<string, Promise<{ limit: number; used: number }>>;
  /** Plans, sends and saves of the runs going side by side, each done once for all of them. */
  batches: StepBatches;
  /** The runs' own database work beside the batches: this many at once. */
  gate: Gate;
}

type LocalBody = (data: Record<string, unknown>, step: LocalSteps, context: LocalContext) => Promise<unknown>;

/**
 * The same function bodies Inngest runs (inngest/functions/), with the local step tools.
 * Inngest's step.invoke of a throttled function becomes a step that first checks the
 * clinic's rate and, when it is used up, waits a few seconds.
 */
export const LOCAL_BODIES: Record<FunctionId, LocalBody> = {
  [FUNCTION_IDS.sequence]: (data, step, context) =>
    runSequence(
      data,
      {
        run: step.run,
        plan: (id, ref) =>
          step.batched(id, () => context.batches.add("plan", (refs) => planStepBodies(refs, context.deps), ref)),
        sleepUntil: step.sleepUntil,
        sendRule: (id, plan) =>
          step.batched(id, async () => {
            const budget = await context.gate.hold(() => throttle(context, plan.clinicId, CHANNELS_PER_RULE));
            const result: SendResult = await context.batches.add(
              "send",
              (plans) => sendRuleBodies(plans, context.deps),
              plan,
            );
            // Held for every channel while it ran; what did not go out is given back (a failed
            // send keeps its hold: a channel may have gone out before the failure).
            budget.used -= CHANNELS_PER_RULE - (result.kind === "sent" ? result.channels.length : 0);
            return result;
          }),
      },
      context.deps,
    ),
  [FUNCTION_IDS.retry]: (data, step, context) =>
    runRetry(
      data,
      {
        run: step.run,
        sleepUntil: step.sleepUntil,
        resend: (id, payload) =>
          step.run(id, async () => {
            await throttle(context, String(data.clinicId), 1);
            return resendBody(payload, context.deps);
          }),
      },
      context.deps,
    ),
  [FUNCTION_IDS.failSet]: (data, step, context) =>
    step.batched("fail-set", () =>
      context.batches.add("fail-set", (failures) => failSetBodies(failures, context.deps), data),
    ),
  [FUNCTION_IDS.contactChanged]: (data, step, context) => runContactChanged(data, step, context.deps),
  [FUNCTION_IDS.receipt]: (data, step) => step.run("send-receipt", () => sendReceiptBody(data)),
};

const THROTTLE_WAIT_MS = 5_000;
/** A rule sends at most a text and an email. */
const CHANNELS_PER_RULE = 2;

/**
 * The clinic's cap against the messages it sent in the last minute. The count is read once
 * per pass and then kept here: the engine runs in one process (advisory lock), and a send
 * holds its messages in the budget before it starts, so concurrent runs can't overshoot
 * it. A pass longer than a minute only counts more than the window holds (it waits
 * sooner). Over the cap, the step waits and the next pass reads the count afresh.
 */
async function throttle(context: LocalContext, clinicId: string, messages: number) {
  let pending = context.budgets.get(clinicId);
  if (!pending) {
    pending = readBudget(context, clinicId);
    context.budgets.set(clinicId, pending);
    // A failed read is tried again by the next run, not remembered for the pass.
    pending.catch(() => context.budgets.delete(clinicId));
  }
  const budget = await pending;
  if (budget.used >= budget.limit) throw new Reschedule(new Date(context.deps.now().getTime() + THROTTLE_WAIT_MS));
  budget.used += messages;
  return budget;
}

async function readBudget(context: LocalContext, clinicId: string) {
  const budgets = await readSendBudgets(context.db, [clinicId], context.sendsPerMinute, context.deps.now());
  return budgets.get(clinicId) ?? { limit: context.sendsPerMinute, used: 0 };
}
