import { inngest } from "@/inngest/client";
import { messagePermanentlyFailed, permanentFailure } from "@/inngest/events";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { failSetForFailedMessage } from "@/lib/outreach/fail-set-for-delivery";
import type { SequenceDeps } from "./deps";

/** The fail-set step's body, the same for both engines. */
export async function failSetBody(data: unknown, deps: Pick<SequenceDeps, "db">) {
  return failSetForFailedMessage(await deps.db(), permanentFailure.parse(data));
}

/**
 * A message failed for good: the patient's channel is marked unusable and the set fails
 * (the webhook that reported it only recorded the message). One step: the transition is a
 * no-op for a set that is no longer Active or Will Fail, so a retry is safe.
 */
export function createFailSetFunction(deps: Pick<SequenceDeps, "db">) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.failSet, retries: 4, triggers: [messagePermanentlyFailed] },
    async ({ event, step }) => step.run("fail-set", () => failSetBody(event.data, deps)),
  );
}
