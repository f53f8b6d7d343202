import { randomUUID } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";
import { removeClinic } from "@/db/generate/remove-clinic";
import * as schema from "@/db/schema";
import { invoiceSetActivated } from "@/inngest/events";
import { enqueueEvents } from "@/inngest/local/job-store";
import { CRONS, runDueWork } from "@/inngest/local/run-due-work";
import { outboxTransport, type Transports } from "@/lib/providers/transport";
import { BENCH_AUTH_SECRET } from "./run-http";
import { type InngestStepOverhead, runInngestSequences } from "./run-outreach-inngest";
import { scratchUuid } from "./scratch-ids";

export interface OutreachThroughput {
  sets: number;
  /** Messages recorded as sent by the outbox transport. */
  sent: number;
  /** Enqueueing the activations (one run per set), then running every due run. */
  enqueueMs: number;
  runMs: number;
  sendsPerSecond: number;
  statementsPerSend: number;
  transactionsPerSend: number;
  rowsWrittenPerSend: number;
  /** Runs the local engine took at once (half the pool, as the scheduler does). */
  concurrentRuns: number;
  /** This process's CPU time (user + system) per send: the engine's own work, less noisy on a shared machine. */
  cpuMsPerSend: number;
  /** The same sequence bodies through Inngest's SDK under @inngest/test, per step. */
  inngest: InngestStepOverhead;
}

const POOL_SIZE = 10;
/** Sets run through the Inngest SDK under @inngest/test after the local engine's run. */
const INNGEST_SETS = 200;
const CRON_KEYS = CRONS.map((cron) => cron.key);
const outbox: Transports = { sms: outboxTransport, email: outboxTransport };

/**
 * The local engine's whole job for `sets` sets of a scratch clinic (send window open all
 * day, throttle lifted for the measurement): enqueue each set's activation, then run
 * every due run until none is left, each sending its day-0 text through the outbox
 * transport (the provider-free path with the same bookkeeping). Statements are counted
 * on the engine's own connection; transactions and rows from pg_stat_database.
 */
export async function runOutreachThroughput(url: string, sets: number): Promise<OutreachThroughput> {
  // Patient links in the message bodies are signed with it (the HTTP part sets the same default).
  process.env.AUTH_SECRET ??= BENCH_AUTH_SECRET;
  let statements = 0;
  // The app's default pool, and the runs at once the scheduler takes with it (half the pool).
  const client = postgres(url, { max: POOL_SIZE, onnotice: () => {}, debug: () => (statements += 1) });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  const clinicId = randomUUID();
  const savedCrons = await executeRows<{ key: string; value: unknown }>(
    db,
    `SELECT key, value FROM outreach_engine_state WHERE key IN (${CRON_KEYS.map((key) => `'${key}'`).join(",")})`,
  );
  try {
    await createScratchClinic(db, clinicId, sets + Math.min(sets, INNGEST_SETS));
    // The crons would work on the whole database (past-due flags, reconcile): not this measurement.
    for (const key of CRON_KEYS)
      await run(
        db,
        `INSERT INTO outreach_engine_state (key, value) VALUES ('${key}', '{"at":"2100-01-01T00:00:00.000Z"}')
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      );
    const ids = await executeRows<{ id: string }>(db, `SELECT id FROM invoice_sets WHERE clinic_id = '${clinicId}'`);
    // The local engine gets runs for the first `sets`; the rest wait for the Inngest part.
    const local = ids.slice(0, sets);
    const before = await databaseCounters(db);
    statements = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await enqueueEvents(
      db,
      local.map((row) => invoiceSetActivated.create({ clinicId, invoiceSetId: row.id })),
      new Date(),
    );
    const enqueued = performance.now();
    for (;;) {
      const pass = await runDueWork(db, {
        now: () => new Date(),
        transports: () => outbox,
        stripe: () => null,
        sendsPerMinute: 1_000_000_000,
        concurrentRuns: POOL_SIZE / 2,
      });
      if (pass.ran === 0) break;
    }
    const finished = performance.now();
    const cpuUsed = process.cpuUsage(cpu);
    const counted = statements;
    const after = await databaseCounters(db);
    const [sent] = await executeRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM messages WHERE clinic_id = '${clinicId}' AND status = 'sent'`,
    );
    const n = Math.max(1, sent?.n ?? 0);
    const inngest = await runInngestSequences(db, {
      clinicId,
      setIds: ids.slice(sets).map((row) => row.id),
      transports: outbox,
      localMsPerSend: (finished - started) / n,
    });
    return {
      sets,
      sent: sent?.n ?? 0,
      enqueueMs: Math.round(enqueued - started),
      runMs: Math.round(finished - enqueued),
      sendsPerSecond: Math.round(n / ((finished - started) / 1000)),
      statementsPerSend: round1(counted / n),
      transactionsPerSend: round1((after.xacts - before.xacts) / n),
      rowsWrittenPerSend: round1((after.rows - before.rows) / n),
      concurrentRuns: POOL_SIZE / 2,
      cpuMsPerSend: round1((cpuUsed.user + cpuUsed.system) / 1000 / n),
      inngest,
    };
  } finally {
    await removeClinic(db, clinicId);
    for (const key of CRON_KEYS) {
      const saved = savedCrons.find((row) => row.key === key);
      await run(
        db,
        saved
          ? `UPDATE outreach_engine_state SET value = '${JSON.stringify(saved.value).replace(/'/g, "''")}' WHERE key = '${key}'`
          : `DELETE FROM outreach_engine_state WHERE key = '${key}'`,
      );
    }
    await client.end({ timeout: 5 });
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;

async function databaseCounters(db: Db): Promise<{ xacts: number; rows: number }> {
  // The statistics collector publishes with a short delay.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const [row] = await executeRows<{ xacts: string; rows: string }>(
    db,
    `SELECT (xact_commit + xact_rollback)::text AS xacts, (tup_inserted + tup_updated + tup_deleted)::text AS rows
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  return { xacts: Number(row?.xacts ?? 0), rows: Number(row?.rows ?? 0) };
}

/** A clinic open all day, one day-0 text rule, `sets` Active sets of patients with mobile numbers. */
async function createScratchClinic(db: Db, clinicId: string, sets: number) {
  const c = `'${clinicId}'`;
  await run(
    db,
    `INSERT INTO clinics (id, slug, name, phone, email, time_zone, send_window_start_minute, send_window_end_minute, send_days, sends_per_minute, allow_any_hour)
     VALUES (${c}, 'bench-outreach-${clinicId.slice(0, 8)}', 'Outreach bench', '+12025550199', 'billing@bench.clinic', 'UTC', 0, 1440, '{1,2,3,4,5,6,7}', 1000000000, true)`,
  );
  const [ruleSet] = await executeRows<{ id: string }>(
    db,
    `INSERT INTO rule_sets (clinic_id, title, description, expiry_days, is_default) VALUES (${c}, 'Bench', 'Day-0 text', 30, true) RETURNING id`,
  );
  await run(
    db,
    `INSERT INTO rules (clinic_id, rule_set_id, delay_days, channels, title, template)
     VALUES (${c}, '${ruleSet?.id}', 0, '{sms}', 'Statement', 'Hi {{first_name}}, your statement from {{clinic_name}}: {{pay_link}}')`,
  );
  await run(
    db,
    `INSERT INTO patients (id, clinic_id, external_id, first_name, last_name, date_of_birth, phone, email, time_zone)
     SELECT ${scratchUuid(`${c} || i`)}, ${c}, 'BENCH-' || i, 'Pat', 'Bench' || i, date '1980-01-01', '+1312' || (200 + i / 10000)::text || lpad((i % 10000)::text, 4, '0'), NULL, 'UTC'
     FROM generate_series(1, ${sets}) i`,
  );
  await run(
    db,
    `INSERT INTO invoice_sets (clinic_id, patient_id, status, rule_set_id, sequence_step, sequence_cycle, sequence_started_at, amount_outstanding_cents, created_at, updated_at)
     SELECT ${c}, ${scratchUuid(`${c} || i`)}, 'active', '${ruleSet?.id}', 0, 0, now() - interval '1 hour', 10000, now() - interval '1 hour', now() - interval '1 hour'
     FROM generate_series(1, ${sets}) i`,
  );
}
