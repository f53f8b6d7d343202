import { TransactionRollbackError } from "drizzle-orm";
import type { Db, Tx } from "@/db/connect";

/** Runs `work` in a transaction and always rolls it back, so the data stays reusable. */
export async function rolledBack<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  type Outcome = { done: false } | { done: true; value: T };
  let result: Outcome = { done: false };
  try {
    await db.transaction(async (tx) => {
      result = { done: true, value: await work(tx) };
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  const finished = result as Outcome;
  if (!finished.done) throw new Error("rolledBack: the work did not finish");
  return finished.value;
}
