import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "./raw-sql";

/** The tables the generator fills in bulk. */
export const BULK_TABLES = [
  "patients",
  "invoice_sets",
  "invoices",
  "invoice_charges",
  "payments",
  "messages",
  "timeline_events",
] as const;

export interface SecondaryIndex {
  name: string;
  table: string;
  definition: string;
}

/**
 * The bulk tables' indexes other than primary keys and constraint-backed ones: cheaper to
 * drop before a big load and build once afterwards. Run inside the load's transaction, so
 * a failed load rolls the drop back too.
 */
export async function listSecondaryIndexes(db: Executor): Promise<SecondaryIndex[]> {
  const tables = BULK_TABLES.map((table) => `'${table}'`).join(",");
  return executeRows<{ name: string; table: string; definition: string }>(
    db,
    `SELECT ic.relname AS name, tc.relname AS "table", pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_class tc ON tc.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = tc.relnamespace
      WHERE n.nspname = 'public' AND tc.relname IN (${tables}) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY tc.relname, ic.relname`,
  );
}

export async function dropIndexes(db: Executor, indexes: readonly SecondaryIndex[]): Promise<void> {
  for (const index of indexes) await run(db, `DROP INDEX "${index.name}"`);
}
