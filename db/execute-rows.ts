import { type SQL, sql } from "drizzle-orm";
import { type Executor, SQL_DIALECT } from "@/db/connect";

/**
 * Runs raw SQL (a drizzle `sql` fragment or a plain statement) and returns its rows on either
 * driver: postgres.js answers with an array, PGlite with `{ rows }`.
 */
export async function executeRows<T = Record<string, unknown>>(db: Executor, query: SQL | string): Promise<T[]> {
  return rowsOf<T>(await db.execute(typeof query === "string" ? sql.raw(query) : query));
}

/**
 * executeRows for a hot statement (a webhook's apply), kept prepared on each connection.
 * drizzle runs statements unnamed, which postgres.js sends in two round trips when they have
 * parameters (Parse and Describe, then Bind and Execute once the types come back) and Postgres
 * parses every time; a prepared one is a single round trip after its first run. Only for a
 * few fixed statement texts: each distinct text stays prepared for the connection's life.
 */
export async function executePreparedRows<T = Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  // A name makes drizzle prepare; postgres.js keys its statements by their text, not by this name.
  const prepared = db._.session.prepareQuery(SQL_DIALECT.sqlToQuery(query), undefined, "prepared", false);
  return rowsOf<T>(await prepared.execute());
}

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
