import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";
import { insertScratchClinic } from "./scratch-clinic";
import { scratchUuid } from "./scratch-ids";

/*
 * The scratch clinic the webhook bursts run against (bench/run-webhooks.ts): who gets which
 * callback, the rows they start from, and the check afterwards that every message moved
 * exactly as posted, once.
 */

export interface WebhookVerification {
  expected: Record<string, number>;
  actual: Record<string, number>;
  /** Messages whose status is not the one their callbacks lead to. */
  wrongStatus: number;
  /** (set, timeline kind) and (message, audit action) pairs written more than once. */
  duplicateTimeline: number;
  duplicateAudit: number;
  deliveredTimeline: { expected: number; actual: number };
  failedTimeline: { expected: number; actual: number };
  auditMoves: { expected: number; actual: number };
  failedSets: { expected: number; actual: number };
  receipts: { expected: number; actual: number };
}

/**
 * Who gets which callback (one set per message). Twilio: 5,000 callbacks over 4,000 texts
 * (delivered, 1,000 of them posted twice back to back; failed with no code; undelivered
 * as a landline, which fails the set; sending → sent). Resend: 2,000 events over 1,500
 * emails (delivered, 500 of them posted twice with the same svix id; hard bounces).
 */
export const PLAN = [
  { kind: "sms-delivered", n: 2500, from: "sent", to: "delivered", replays: 1000 },
  { kind: "sms-failed", n: 400, from: "sent", to: "failed", replays: 0 },
  { kind: "sms-landline", n: 100, from: "sent", to: "undelivered", replays: 0 },
  { kind: "sms-sent", n: 1000, from: "sending", to: "sent", replays: 0 },
  { kind: "email-delivered", n: 1300, from: "sent", to: "delivered", replays: 500 },
  { kind: "email-bounced", n: 200, from: "sent", to: "bounced", replays: 0 },
] as const;
export type Plan = (typeof PLAN)[number];

export const offsetOf = (plan: Plan) => {
  let offset = 0;
  for (const other of PLAN) {
    if (other === plan) return offset;
    offset += other.n;
  }
  return offset;
};

/** SQL: the plan's `pick` for message number `i` (1-based, in PLAN order). */
function byPlan(pick: (plan: Plan) => string): string {
  return `CASE ${PLAN.map((plan) => {
    const from = offsetOf(plan);
    return `WHEN i > ${from} AND i <= ${from + plan.n} THEN '${pick(plan)}'`;
  }).join(" ")} END`;
}

/** Sets a permanent failure fails: the outreach engine's runs, after the webhook answered. */
export const FAILED_SETS = PLAN.filter((plan) => plan.kind === "sms-landline" || plan.kind === "email-bounced").reduce(
  (sum, plan) => sum + plan.n,
  0,
);

export async function countFailedSets(db: Db, clinicId: string): Promise<number> {
  const [row] = await executeRows<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM invoice_sets WHERE clinic_id = '${clinicId}' AND status = 'failed'`,
  );
  return row?.n ?? 0;
}

/** What the database holds after the bursts, beside what the plan says it should. */
export async function verifyWebhookBursts(db: Db, clinicId: string, tag: string): Promise<WebhookVerification> {
  const c = `'${clinicId}'`;
  const expected: Record<string, number> = {};
  for (const plan of PLAN) expected[plan.to] = (expected[plan.to] ?? 0) + plan.n;
  const actualRows = await executeRows<{ status: string; n: number }>(
    db,
    `SELECT status::text, count(*)::int AS n FROM messages WHERE clinic_id = ${c} GROUP BY 1 ORDER BY 1`,
  );
  const count = async (text: string) => (await executeRows<{ n: number }>(db, text))[0]?.n ?? 0;
  const wrongStatus = await count(
    `SELECT count(*)::int AS n FROM (SELECT status::text AS status, right(provider_id, 6)::int AS i FROM messages WHERE clinic_id = ${c}) m
      WHERE status IS DISTINCT FROM (${byPlan((plan) => plan.to)})`,
  );
  const duplicateTimeline = await count(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM timeline_events WHERE clinic_id = ${c} GROUP BY invoice_set_id, kind HAVING count(*) > 1) d`,
  );
  const duplicateAudit = await count(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log WHERE clinic_id = ${c} GROUP BY entity_id, action HAVING count(*) > 1) d`,
  );
  const total = (predicate: (plan: Plan) => boolean) => PLAN.filter(predicate).reduce((sum, plan) => sum + plan.n, 0);
  const posted = PLAN.reduce((sum, plan) => sum + plan.n, 0);
  return {
    expected,
    actual: Object.fromEntries(actualRows.map((row) => [row.status, row.n])),
    wrongStatus,
    duplicateTimeline,
    duplicateAudit,
    deliveredTimeline: {
      expected: total((plan) => plan.to === "delivered"),
      actual: await count(
        `SELECT count(*)::int AS n FROM timeline_events WHERE clinic_id = ${c} AND kind = 'message_delivered'`,
      ),
    },
    failedTimeline: {
      expected: total((plan) => ["failed", "undelivered", "bounced"].includes(plan.to)),
      actual: await count(
        `SELECT count(*)::int AS n FROM timeline_events WHERE clinic_id = ${c} AND kind = 'message_failed'`,
      ),
    },
    auditMoves: {
      expected: posted,
      actual: await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE clinic_id = ${c} AND entity_type = 'message' AND action LIKE 'message.%'`,
      ),
    },
    failedSets: { expected: FAILED_SETS, actual: await countFailedSets(db, clinicId) },
    receipts: {
      expected: posted,
      actual: await count(
        `SELECT count(*)::int AS n FROM webhook_receipts WHERE event_key LIKE 'status:SMbench${tag}%' OR event_key LIKE 'msg_bench_${tag}_%'`,
      ),
    },
  };
}

/** A clinic with one Active set per message; texts and emails in the states their callbacks start from. */
export async function createWebhookClinic(db: Db, clinicId: string) {
  const c = `'${clinicId}'`;
  const tag = clinicId.slice(0, 8);
  const total = PLAN.reduce((sum, plan) => sum + plan.n, 0);
  const smsCount = PLAN.filter((plan) => plan.kind.startsWith("sms")).reduce((sum, plan) => sum + plan.n, 0);
  const fromStatus = byPlan((plan) => plan.from);
  const ruleSetId = await insertScratchClinic(db, clinicId, {
    slug: `bench-webhooks-${tag}`,
    name: "Webhook bench",
    phone: "+12025550198",
    email: "billing@bench.clinic",
    ruleSetDescription: "Day-0 text and email",
  });
  await run(
    db,
    `INSERT INTO patients (id, clinic_id, external_id, first_name, last_name, date_of_birth, phone, email, time_zone)
     SELECT ${scratchUuid(`${c} || i`)}, ${c}, 'BENCH-' || i, 'Pat', 'Bench' || i, date '1980-01-01',
            '+1312' || (200 + i / 10000)::text || lpad((i % 10000)::text, 4, '0'), 'pat' || i || '@bench.example', 'UTC'
     FROM generate_series(1, ${total}) i`,
  );
  await run(
    db,
    `INSERT INTO invoice_sets (id, clinic_id, patient_id, status, rule_set_id, sequence_step, sequence_cycle, sequence_started_at, amount_outstanding_cents, created_at, updated_at)
     SELECT ${scratchUuid(`'set' || ${c} || i`)}, ${c}, ${scratchUuid(`${c} || i`)}, 'active', '${ruleSetId}', 1, 0, now() - interval '1 hour', 10000, now() - interval '1 hour', now() - interval '1 hour'
     FROM generate_series(1, ${total}) i`,
  );
  await run(
    db,
    `INSERT INTO messages (clinic_id, invoice_set_id, step_index, channel, transport, destination, subject, body, provider_id, status, attempted_at, sent_at, created_at, updated_at)
     SELECT ${c}, ${scratchUuid(`'set' || ${c} || i`)}, 0,
            (CASE WHEN i <= ${smsCount} THEN 'sms' ELSE 'email' END)::message_channel,
            (CASE WHEN i <= ${smsCount} THEN 'twilio' ELSE 'resend' END)::message_transport,
            CASE WHEN i <= ${smsCount} THEN '+1312' || (200 + i / 10000)::text || lpad((i % 10000)::text, 4, '0') ELSE 'pat' || i || '@bench.example' END,
            CASE WHEN i <= ${smsCount} THEN NULL ELSE 'Your statement' END,
            'Your statement is ready',
            CASE WHEN i <= ${smsCount} THEN 'SMbench${tag}' ELSE 'bench-email-${tag}-' END || lpad(i::text, 6, '0'),
            (${fromStatus})::message_status,
            now() - interval '1 hour',
            CASE WHEN (${fromStatus}) = 'sent' THEN now() - interval '1 hour' END,
            now() - interval '1 hour', now() - interval '1 hour'
     FROM generate_series(1, ${total}) i`,
  );
}
