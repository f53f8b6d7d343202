import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./connect";
import { executeRows } from "./execute-rows";

/**
 * A many-row INSERT with all its values in one jsonb parameter (jsonb_to_recordset): the
 * same rows as `db.insert(table).values(rows)`, but one parameter instead of one per
 * value, so a large batch costs neither the query builder's time per value nor a new
 * prepared statement per row count. Every row must give the same columns (the first row's);
 * a column left out takes its database default, or, per row, the one given in `defaults`.
 * Returns the `returning` columns' rows (snake_case), in no promised order: match them by
 * their values.
 */
export async function insertJsonRows<T extends PgTable, R = Record<string, unknown>>(
  db: Executor,
  table: T,
  rows: readonly T["$inferInsert"][],
  options: InsertJsonOptions<T> = {},
): Promise<R[]> {
  return rows.length === 0 ? [] : executeRows<R>(db, insertJsonRowsSql(table, rows, options));
}

interface InsertJsonOptions<T extends PgTable> {
  onConflictDoNothing?: boolean;
  returning?: SQL;
  defaults?: Partial<Record<keyof T["$inferInsert"], SQL>>;
}

/** insertJsonRows's statement, e.g. as a CTE body (rows must not be empty). */
export function insertJsonRowsSql<T extends PgTable>(
  table: T,
  rows: readonly T["$inferInsert"][],
  options: InsertJsonOptions<T> = {},
): SQL {
  const first = rows[0] ?? {};
  const columns = Object.entries(getTableColumns(table)).filter(
    ([key]) =>
      (first as Record<string, unknown>)[key] !== undefined || options.defaults?.[key as keyof T["$inferInsert"]],
  );
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(columns.map(([key, column]) => [column.name, (row as Record<string, unknown>)[key] ?? null])),
    ),
  );
  const names = sql.raw(columns.map(([, column]) => `"${column.name}"`).join(", "));
  const values = sql.join(
    columns.map(([key, column]) => {
      const fallback = options.defaults?.[key as keyof T["$inferInsert"]];
      const value = sql.raw(`r."${column.name}"`);
      return fallback ? sql`coalesce(${value}, ${fallback})` : value;
    }),
    sql`, `,
  );
  const types = sql.raw(columns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(", "));
  return sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${names})
      select ${values} from jsonb_to_recordset(${json}::jsonb) as r(${types})
      ${options.onConflictDoNothing ? sql`on conflict do nothing` : sql``}
      ${options.returning ? sql`returning ${options.returning}` : sql``}`;
}
