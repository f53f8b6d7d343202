import { z } from "zod";
import { inngest } from "@/inngest/client";
import { planRetry } from "@/lib/outreach/plan-retry";
import { messageTemporarilyFailed } from "@/lib/outreach/retry-events";
import { retryMessage } from "@/lib/outreach/retry-message";
import type { SequenceDeps } from "./run-invoice-set-sequence";
import { sendsPerMinute } from "./send-outreach-rule";

const payloadSchema = z.object({ clinicId: z.uuid(), messageId: z.uuid() });

/** A temporary delivery failure is tried once more, about four hours later, inside the send window. */
export function createRetryFunction(deps: SequenceDeps) {
  return inngest.createFunction(
    {
      id: "retry-temporary-message-failure",
      triggers: [messageTemporarilyFailed],
      throttle: { key: "event.data.clinicId", limit: sendsPerMinute(), period: "1m" },
    },
    async ({ event, step }) => {
      const ref = payloadSchema.parse(event.data);
      const at = await step.run("plan-retry", async () => planRetry(await deps.db(), ref.messageId, deps.now()));
      await step.sleepUntil("wait-before-retry", at);
      return step.run("retry", async () => retryMessage(await deps.db(), deps.transports(), ref, deps.now()));
    },
  );
}
