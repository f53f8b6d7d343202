import type { Executor } from "@/db/connect";
import { loadSequence } from "./load-sequence";
import { predictDelivery } from "./predict-delivery";

/**
 * Would the set's next rule fail on every channel? For Resume (→ Will Fail instead of
 * Active) and anything else that must decide before the sequence runs. No next rule
 * (only the expiry is left) never fails.
 */
export async function predictNextSend(db: Executor, ref: { clinicId: string; invoiceSetId: string }): Promise<{ willFail: boolean; reason: string | null }> {
  const loaded = await loadSequence(db, ref);
  const rule = loaded?.rules[loaded.set.sequenceStep];
  if (!loaded || !rule) return { willFail: false, reason: null };
  const prediction = predictDelivery(rule.channels, loaded.patient);
  return { willFail: prediction.willFail, reason: prediction.reason };
}
