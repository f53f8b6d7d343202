import type { Query, SQL } from "drizzle-orm";
import { type Executor, SQL_DIALECT } from "./connect";

/**
 * A drizzle `sql` statement as SQL text with its values written in as literals (drizzle's
 * escaping: quotes doubled, which is exact because connect.ts pins standard_conforming_strings).
 * Why not parameters: postgres.js sends an unnamed statement that has parameters in two
 * round trips (Parse and Describe, wait for the parameter types, then Bind and Execute),
 * which cost the list a third of its time (bench/). Unnamed, Postgres plans each run for its
 * own values, never with a generic plan kept from earlier runs (whose guesses, such as an
 * amount range keeping 0.5% of rows, pick the wrong index).
 */
export function renderStatement(statement: SQL): Query {
  return SQL_DIALECT.sqlToQuery(statement.inlineParams());
}

/**
 * Runs a rendered statement and returns its rows as arrays of column values, undecoded
 * (timestamps stay the strings drizzle's drivers hand it). The same call works on PGlite.
 */
export function runStatement(db: Executor, query: Query): Promise<unknown[][]> {
  return db._.session
    .prepareQuery<{ execute: unknown[][]; all: unknown; values: unknown }>(
      query,
      undefined,
      undefined,
      true,
      (rows) => rows,
    )
    .execute();
}
