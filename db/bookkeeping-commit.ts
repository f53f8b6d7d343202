import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/connect";

/**
 * A transaction whose commit does not wait for its WAL to reach the disk
 * (synchronous_commit off, for this transaction only). For outreach bookkeeping that a
 * crash may lose because the step that wrote it runs again and writes it again: plans,
 * "sent" records, the set's position, the local engine's runs. Never for the commit of a
 * message as "sending" before its provider call: that one stays synchronous, and since
 * WAL is flushed in order, it makes every earlier bookkeeping commit durable too. Costs a
 * flush per send instead of one per commit.
 */
export function bookkeepingTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    return work(tx);
  });
}
