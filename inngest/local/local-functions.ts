import { and, count, eq, gte } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clinics, messages } from "@/db/schema";
import type { SequenceDeps } from "@/inngest/functions/deps";
import { runContactChanged } from "@/inngest/functions/on-patient-contact-changed";
import { resendBody, runRetry } from "@/inngest/functions/retry-temporary-failure";
import { runSequence } from "@/inngest/functions/run-invoice-set-sequence";
import { sendRuleBody } from "@/inngest/functions/send-outreach-rule";
import { sendReceiptBody } from "@/inngest/functions/send-receipt";
import { type LocalSteps, Reschedule } from "./local-steps";
import { FUNCTION_IDS, type FunctionId } from "./triggers";

export interface LocalContext {
  db: Db;
  deps: SequenceDeps;
  /** The process-wide send cap (OUTREACH_SENDS_PER_MINUTE); the clinic's own may be lower. */
  sendsPerMinute: number;
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
        sleepUntil: step.sleepUntil,
        sendRule: (id, plan) =>
          step.run(id, async () => {
            await throttle(context, plan.clinicId);
            return sendRuleBody(plan, context.deps);
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
            await throttle(context, String(data.clinicId));
            return resendBody(payload, context.deps);
          }),
      },
      context.deps,
    ),
  [FUNCTION_IDS.contactChanged]: (data, step, context) => runContactChanged(data, step, context.deps),
  [FUNCTION_IDS.receipt]: (data, step) => step.run("send-receipt", () => sendReceiptBody(data)),
};

const THROTTLE_WAIT_MS = 5_000;

/** Messages sent by the clinic in the last minute against its cap; over it, the step waits. */
async function throttle(context: LocalContext, clinicId: string) {
  const now = context.deps.now();
  const [clinic] = await context.db
    .select({ limit: clinics.sendsPerMinute })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  const limit = Math.min(context.sendsPerMinute, clinic?.limit ?? context.sendsPerMinute);
  const [recent] = await context.db
    .select({ sent: count() })
    .from(messages)
    .where(and(eq(messages.clinicId, clinicId), gte(messages.attemptedAt, new Date(now.getTime() - 60_000))));
  if ((recent?.sent ?? 0) >= limit) throw new Reschedule(new Date(now.getTime() + THROTTLE_WAIT_MS));
}
