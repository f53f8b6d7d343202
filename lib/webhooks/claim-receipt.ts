import { type SQL, sql } from "drizzle-orm";
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

/**
 * The same claim as a CTE body of the statement that applies the event: one row returned
 * when claimed now, none for a replay or when `when` (a CTE name) has no row.
 */
export function claimWebhookReceiptSql(receipt: { provider: string; eventKey: string }, when: SQL): SQL {
  return sql`insert into webhook_receipts (provider, event_key)
    select ${receipt.provider}::text, ${receipt.eventKey}::text from ${when}
    on conflict do nothing returning 1`;
}
