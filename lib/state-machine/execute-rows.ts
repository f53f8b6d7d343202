import type { SQL } from "drizzle-orm";
import type { Executor } from "@/db/connect";

/**
 * Runs raw SQL and returns its rows on either driver: postgres.js answers with an array,
 * PGlite with `{ rows }`.
 */
export async function executeRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
