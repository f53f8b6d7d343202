import { inngest } from "@/inngest/client";
import { messageRef, messageTemporarilyFailed } from "@/inngest/events";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { planRetry } from "@/lib/outreach/plan-retry";
import { type RetryOutcome, retryMessage } from "@/lib/outreach/retry-message";
import type { SequenceDeps } from "./deps";
import { sendsPerMinute } from "./send-outreach-rule";

export interface RetrySteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleepUntil(id: string, time: string): Promise<unknown>;
  /** The resend itself, through the clinic's send throttle. */
  resend(id: string, data: unknown): Promise<unknown>;
}

/** How often a retry that woke outside the send window waits again for it. */
const MAX_DEFERRALS = 3;

/**
 * A temporary delivery failure is tried once more, about four hours later, inside the send
 * window; the resend re-checks the window and, outside it, says until when to wait again.
 */
export async function runRetry(data: unknown, step: RetrySteps, deps: SequenceDeps) {
  const ref = messageRef.parse(data);
  let at = (await step.run("plan-retry", async () => planRetry(await deps.db(), ref.messageId, deps.now()))) as string;
  for (let deferral = 0; ; deferral += 1) {
    const suffix = deferral === 0 ? "" : `-${deferral}`;
    await step.sleepUntil(`wait-before-retry${suffix}`, at);
    const outcome = (await step.resend(`retry${suffix}`, ref)) as RetryOutcome;
    if (typeof outcome === "string" || deferral === MAX_DEFERRALS) return outcome;
    at = outcome.deferredUntil;
  }
}

/** The resend step's body, the same for both engines. */
export async function resendBody(data: unknown, deps: SequenceDeps) {
  return retryMessage(await deps.db(), deps.transports(), messageRef.parse(data), deps.now());
}

/** The throttled resend: the throttle caps the send after the four-hour wait, not the run's start. */
export function createResendFunction(deps: SequenceDeps) {
  return inngest.createFunction(
    {
      id: "resend-temporary-failure",
      triggers: [{ event: "billing/outreach.resend-due" }],
      throttle: { key: "event.data.clinicId", limit: sendsPerMinute(), period: "1m" },
    },
    async ({ event, step }) => step.run("resend", () => resendBody(event.data, deps)),
  );
}

export function createRetryFunction(deps: SequenceDeps, resendFunction = createResendFunction(deps)) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.retry, triggers: [messageTemporarilyFailed] },
    async ({ event, step }) =>
      runRetry(
        event.data,
        {
          run: (id, fn) => step.run(id, fn),
          sleepUntil: (id, time) => step.sleepUntil(id, time),
          resend: (id, payload) =>
            step.invoke(id, { function: resendFunction, data: payload as { clinicId: string; messageId: string } }),
        },
        deps,
      ),
  );
}
