import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";

export async function run(db: Executor, text: string): Promise<void> {
  await db.execute(sql.raw(text));
}

/** Runs a statement and returns how many rows it wrote. */
export async function runCounting(db: Executor, text: string): Promise<number> {
  const result: unknown = await db.execute(sql.raw(text));
  const shaped = result as { count?: unknown; affectedRows?: unknown; rowCount?: unknown };
  const count = shaped.count ?? shaped.affectedRows ?? shaped.rowCount;
  return typeof count === "number" ? count : Number(count ?? 0);
}
