import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";

/**
 * Runs raw SQL (a drizzle `sql` fragment or a plain statement) and returns its rows on either
 * driver: postgres.js answers with an array, PGlite with `{ rows }`.
 */
export async function executeRows<T = Record<string, unknown>>(db: Executor, query: SQL | string): Promise<T[]> {
  const result: unknown = await db.execute(typeof query === "string" ? sql.raw(query) : query);
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
