import type { Query, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { DB_CASING, type Executor } from "./connect";

const dialect = new PgDialect({ casing: DB_CASING });

/** A drizzle `sql` statement as its SQL text and parameters ($1, $2, … in the text). */
export function renderStatement(statement: SQL): Query {
  return dialect.sqlToQuery(statement);
}

/**
 * Distinct statement texts this process has run prepared. Each stays prepared on every pool
 * connection until postgres.js recycles it (30–60 min), so past the cap new texts run
 * unprepared (parsed every time) and a stream of odd filter shapes can't grow that memory.
 */
const preparedTexts = new Set<string>();
const PREPARED_TEXTS_CAP = 500;

/**
 * Runs a rendered statement and returns its rows as arrays of column values, undecoded
 * (timestamps stay the strings drizzle's drivers hand it). Prepared: postgres.js keeps each
 * connection's prepared statements keyed by their exact text, so only a byte-identical
 * statement reuses one, with its own parameters, and a repeat skips the parse and a round
 * trip. Still planned for its values every run (plan_cache_mode, connect.ts). PGlite parses
 * every statement; the same call works there.
 */
export function runStatement(db: Executor, query: Query): Promise<unknown[][]> {
  let prepare = preparedTexts.has(query.sql);
  if (!prepare && preparedTexts.size < PREPARED_TEXTS_CAP) {
    preparedTexts.add(query.sql);
    prepare = true;
  }
  // The name only switches preparing on: postgres.js names its statements itself.
  return db._.session
    .prepareQuery<{ execute: unknown[][]; all: unknown; values: unknown }>(
      query,
      undefined,
      prepare ? "statement" : undefined,
      true,
      (rows) => rows,
    )
    .execute();
}
