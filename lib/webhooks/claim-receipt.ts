import type { Executor } from "@/db/connect";
import { webhookReceipts } from "@/db/schema";

/**
 * Records that a provider event was handled, in the same transaction as its effect.
 * False means it was handled before (a replay): the caller changes nothing.
 */
export async function claimWebhookReceipt(tx: Executor, provider: string, eventKey: string): Promise<boolean> {
  const inserted = await tx
    .insert(webhookReceipts)
    .values({ provider, eventKey })
    .onConflictDoNothing()
    .returning({ key: webhookReceipts.eventKey });
  return inserted.length > 0;
}
