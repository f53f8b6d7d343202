import type { Query, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { DB_CASING, type Executor } from "./connect";

const dialect = new PgDialect({ casing: DB_CASING });

/** A drizzle `sql` statement as its SQL text and parameters ($1, $2, … in the text). */
export function renderStatement(statement: SQL): Query {
  return dialect.sqlToQuery(statement);
}

/**
 * Runs a rendered statement and returns its rows as arrays of column values, undecoded
 * (timestamps stay the strings drizzle's drivers hand it). Unnamed, like drizzle's own
 * queries: Postgres plans it for this run's values, never a generic plan kept from
 * earlier runs (whose guesses, such as an amount range keeping 0.5% of rows, pick the
 * wrong index). The same call works on PGlite.
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
