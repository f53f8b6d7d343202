import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import type { Database, Executor } from "@/db/connect";
import { executePreparedRows, executeRows } from "@/db/execute-rows";
import { webhookReceipts } from "@/db/schema";
import { testDatabase } from "../support/test-db";

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
});

const statement = (n: number, label: string | null) =>
  sql`select ${n}::int * 2 as doubled, coalesce(${label}::text, 'none') as label`;

test("a prepared statement run again and side by side answers each run with its own parameters", async () => {
  // More runs than the pool has connections, and more than Postgres's five custom plans per statement.
  const runs = Array.from({ length: 40 }, (_, i) => ({ n: i, label: i % 3 === 0 ? null : `run ${i}` }));
  const rows = await Promise.all(
    runs.map(({ n, label }) =>
      executePreparedRows<{ doubled: number; label: string }>(database.db, statement(n, label)),
    ),
  );
  expect(rows).toEqual(runs.map(({ n, label }) => [{ doubled: n * 2, label: label ?? "none" }]));
  expect(await executeRows(database.db, statement(7, "plain"))).toEqual([{ doubled: 14, label: "plain" }]);
});

test("inside a transaction it sees the transaction's own writes and rolls back with it", async () => {
  const key = randomUUID();
  const count = (db: Executor) =>
    executePreparedRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from webhook_receipts where provider = 'prepared-test' and event_key = ${key}::text`,
    );
  await expect(
    database.db.transaction(async (tx) => {
      await tx.insert(webhookReceipts).values({ provider: "prepared-test", eventKey: key });
      expect(await count(tx)).toEqual([{ total: 1 }]);
      throw new Error("roll back");
    }),
  ).rejects.toThrow("roll back");
  expect(await count(database.db)).toEqual([{ total: 0 }]);
});
