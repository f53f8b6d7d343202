import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDatabase, type Database } from "@/db/connect";
import { invoiceSetActivated } from "@/inngest/events";
import { ENGINE_WAKE_CHANNEL } from "@/inngest/local/wake";
import { publishEvents } from "@/lib/events/publish-events";
import { createTestClinic, createTestInvoiceSet } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

const { url } = inject("testDatabase");

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});

async function eventually(check: () => boolean, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

// Several server processes (npm start's WEB_CONCURRENCY) need a database server: PGlite is one process.
describe.runIf(url)("several server processes on one Postgres", () => {
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((handle) => handle.close()));
  });

  test("a commit in a process without the engine wakes the engine in the process that holds it", async () => {
    // The engine's process: its own connections, listening as the scheduler does.
    const engineProcess = await createDatabase({ url: url ?? undefined });
    opened.push(engineProcess);
    let rings = 0;
    await engineProcess.listen(ENGINE_WAKE_CHANNEL, () => {
      rings += 1;
    });

    // This process publishes (as a webhook or an action does after its commit); it holds no engine.
    const clinic = await createTestClinic(database.db, "Several Processes Clinic");
    const set = await createTestInvoiceSet(database.db, clinic);
    await publishEvents(invoiceSetActivated.create({ clinicId: clinic.clinicId, invoiceSetId: set.id }));
    expect(await eventually(() => rings > 0)).toBe(true);
  });

  test("processes starting at once migrate a new database one after another, each migration once", async () => {
    const admin = postgres(url ?? "", { max: 1, onnotice: () => {} });
    const name = `billing_migrate_${randomBytes(4).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    try {
      const fresh = new URL(url ?? "");
      fresh.pathname = `/${name}`;
      const processes = await Promise.all([1, 2, 3].map(() => createDatabase({ url: fresh.toString() })));
      opened.push(...processes);
      await Promise.all(processes.map((handle) => handle.migrate()));
      const check = postgres(fresh.toString(), { max: 1, onnotice: () => {} });
      const rows = await check<{ hash: string; times: number }[]>`
        select hash, count(*)::int as times from drizzle.__drizzle_migrations group by hash`;
      const [counted] = await check<{ sets: number }[]>`select count(*)::int as sets from invoice_sets`;
      await check.end();
      expect(rows.length).toBeGreaterThan(20);
      expect(rows.filter((row) => row.times !== 1)).toEqual([]);
      expect(counted?.sets).toBe(0);
      await Promise.all(processes.map((handle) => handle.close()));
      opened.length = 0;
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
