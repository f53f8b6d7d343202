import { inngest } from "@/inngest/client";
import { messagePermanentlyFailed, permanentFailure } from "@/inngest/events";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { failSetsForFailedMessages } from "@/lib/outreach/fail-set-for-delivery";
import type { SequenceDeps } from "./deps";

/** The fail-set step's body for any number of failures, the same for both engines (the local one batches a pass's runs). */
export async function failSetBodies(data: readonly unknown[], deps: Pick<SequenceDeps, "db">) {
  return failSetsForFailedMessages(
    await deps.db(),
    data.map((item) => permanentFailure.parse(item)),
  );
}

/**
 * A message failed for good: the patient's channel is marked unusable and the set fails
 * (the webhook that reported it only recorded the message). One step: the transition is a
 * no-op for a set that is no longer Active or Will Fail, so a retry is safe.
 */
export function createFailSetFunction(deps: Pick<SequenceDeps, "db">) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.failSet, retries: 4, triggers: [messagePermanentlyFailed] },
    async ({ event, step }) => step.run("fail-set", async () => (await failSetBodies([event.data], deps))[0]),
  );
}
