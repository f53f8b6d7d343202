import { createHmac, randomUUID } from "node:crypto";
import autocannon from "autocannon";
import twilio from "twilio";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";
import { BENCH_RESEND_WEBHOOK_SECRET, BENCH_TWILIO_AUTH_TOKEN } from "./run-http";
import { removeScratchClinic } from "./run-outreach";
import { scratchUuid } from "./scratch-ids";
import { round, summarize } from "./stats";

export interface BurstResult {
  provider: "twilio" | "resend";
  requests: number;
  /** Offered rate (requests per second over all connections); 0: as fast as the server answers. */
  rate: number;
  connections: number;
  durationMs: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers other than 2xx, and connection errors or timeouts. */
  non2xx: number;
  errors: number;
}

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

export interface WebhookResult {
  twilio: BurstResult;
  resend: BurstResult;
  verification: WebhookVerification;
  /** Every check above holds: nothing lost, nothing applied twice. */
  exact: boolean;
}

/**
 * Who gets which callback (one set per message). Twilio: 5,000 callbacks over 4,000 texts
 * (delivered, 1,000 of them posted twice back to back; failed with no code; undelivered
 * as a landline, which fails the set; sending → sent). Resend: 2,000 events over 1,500
 * emails (delivered, 500 of them posted twice with the same svix id; hard bounces).
 */
const PLAN = [
  { kind: "sms-delivered", n: 2500, from: "sent", to: "delivered", replays: 1000 },
  { kind: "sms-failed", n: 400, from: "sent", to: "failed", replays: 0 },
  { kind: "sms-landline", n: 100, from: "sent", to: "undelivered", replays: 0 },
  { kind: "sms-sent", n: 1000, from: "sending", to: "sent", replays: 0 },
  { kind: "email-delivered", n: 1300, from: "sent", to: "delivered", replays: 500 },
  { kind: "email-bounced", n: 200, from: "sent", to: "bounced", replays: 0 },
] as const;
type Plan = (typeof PLAN)[number];

interface Posted {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Posts signed Twilio status callbacks and Resend events with autocannon at `rate` per
 * second to a running production server, then checks in the database that every
 * message moved exactly as posted, once. Works in a scratch clinic, deleted afterwards.
 */
export async function runWebhookBursts(
  db: Db,
  baseUrl: string,
  options: { rate: number; connections: number; log: (line: string) => void },
): Promise<WebhookResult> {
  const clinicId = randomUUID();
  const tag = clinicId.slice(0, 8);
  try {
    await createWebhookClinic(db, clinicId);
    const messages = await executeRows<{ id: string; i: number; provider_id: string }>(
      db,
      `SELECT id, right(provider_id, 6)::int AS i, provider_id FROM messages WHERE clinic_id = '${clinicId}' ORDER BY 2`,
    );
    const byPlan = (plan: Plan) => messages.filter((m) => m.i > offsetOf(plan) && m.i <= offsetOf(plan) + plan.n);
    const twilioPosts: Posted[] = [];
    const resendPosts: Posted[] = [];
    for (const plan of PLAN) {
      const rows = byPlan(plan);
      rows.forEach((message, index) => {
        const posts = plan.kind.startsWith("sms")
          ? [twilioCallback(baseUrl, message.id, message.provider_id, plan)]
          : [resendEvent(message.provider_id, plan, `msg_bench_${tag}_${message.i}`)];
        if (index < plan.replays) posts.push(posts[0] as Posted);
        (plan.kind.startsWith("sms") ? twilioPosts : resendPosts).push(...posts);
      });
    }
    options.log(
      `  ${twilioPosts.length.toLocaleString("en-US")} Twilio status callbacks at ${options.rate || "max"}/s…`,
    );
    const twilioBurst = await burst(baseUrl, interleave(twilioPosts), "twilio", options);
    options.log(`  ${resendPosts.length.toLocaleString("en-US")} Resend events at ${options.rate || "max"}/s…`);
    const resendBurst = await burst(baseUrl, interleave(resendPosts), "resend", options);
    const verification = await verify(db, clinicId, tag);
    const exact =
      verification.wrongStatus === 0 &&
      verification.duplicateTimeline === 0 &&
      verification.duplicateAudit === 0 &&
      [
        verification.deliveredTimeline,
        verification.failedTimeline,
        verification.auditMoves,
        verification.failedSets,
        verification.receipts,
      ].every((pair) => pair.expected === pair.actual);
    return { twilio: twilioBurst, resend: resendBurst, verification, exact };
  } finally {
    await run(
      db,
      `DELETE FROM webhook_receipts WHERE event_key LIKE 'status:SMbench${tag}%' OR event_key LIKE 'msg_bench_${tag}_%'`,
    );
    await removeScratchClinic(db, clinicId);
  }
}

const offsetOf = (plan: Plan) => {
  let offset = 0;
  for (const other of PLAN) {
    if (other === plan) return offset;
    offset += other.n;
  }
  return offset;
};

/** Spreads the kinds over the burst (a fixed stride), keeping each replay right behind its original. */
function interleave(posts: Posted[]): Posted[] {
  const groups: Posted[][] = [];
  for (const post of posts) {
    const last = groups.at(-1);
    if (last && last[0] === post) last.push(post);
    else groups.push([post]);
  }
  const stride = 7919; // prime, so every group is visited once
  const out: Posted[] = [];
  for (let k = 0; k < groups.length; k += 1) out.push(...(groups[(k * stride) % groups.length] ?? []));
  return out;
}

function twilioCallback(baseUrl: string, messageId: string, sid: string, plan: Plan): Posted {
  const path = `/api/webhooks/twilio/status?messageId=${messageId}`;
  const params: Record<string, string> = {
    AccountSid: "ACbench00000000000000000000000000",
    ApiVersion: "2010-04-01",
    MessageSid: sid,
    SmsSid: sid,
    MessageStatus: plan.to,
    SmsStatus: plan.to,
    ...(plan.kind === "sms-landline" ? { ErrorCode: "30006" } : {}),
  };
  const token = process.env.TWILIO_AUTH_TOKEN ?? BENCH_TWILIO_AUTH_TOKEN;
  return {
    path,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(token, `${baseUrl}${path}`, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

function resendEvent(emailId: string, plan: Plan, svixId: string): Posted {
  const event =
    plan.kind === "email-bounced"
      ? {
          type: "email.bounced",
          created_at: new Date().toISOString(),
          data: { email_id: emailId, bounce: { type: "Permanent", subType: "General", message: "No such mailbox" } },
        }
      : { type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: emailId } };
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const secret = process.env.RESEND_WEBHOOK_SECRET ?? BENCH_RESEND_WEBHOOK_SECRET;
  // Svix: HMAC-SHA256 of `${id}.${timestamp}.${body}` with the secret's base64 key.
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const signature = createHmac("sha256", key).update(`${svixId}.${timestamp}.${body}`).digest("base64");
  return {
    path: "/api/webhooks/resend",
    headers: {
      "content-type": "application/json",
      "svix-id": svixId,
      "svix-timestamp": timestamp,
      "svix-signature": `v1,${signature}`,
    },
    body,
  };
}

async function burst(
  baseUrl: string,
  posts: Posted[],
  provider: BurstResult["provider"],
  options: { rate: number; connections: number },
): Promise<BurstResult> {
  let next = 0;
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    amount: posts.length,
    timeout: 30,
    ...(options.rate > 0 ? { overallRate: options.rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const post = posts[next % posts.length] as Posted;
          next += 1;
          return { ...request, method: "POST", path: post.path, headers: post.headers, body: post.body };
        },
      },
    ],
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode < 200 || statusCode > 299) non2xx += 1;
  });
  const result = await instance;
  const durationMs = performance.now() - started;
  const timing = summarize(latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    provider,
    requests: latencies.length,
    rate: options.rate,
    connections: options.connections,
    durationMs: Math.round(durationMs),
    throughput: round(latencies.length / (durationMs / 1000)),
    p50: timing.p50,
    p95: timing.p95,
    p99: round(sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)] ?? 0),
    max: round(sorted.at(-1) ?? 0),
    non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function verify(db: Db, clinicId: string, tag: string): Promise<WebhookVerification> {
  const c = `'${clinicId}'`;
  const expected: Record<string, number> = {};
  for (const plan of PLAN) expected[plan.to] = (expected[plan.to] ?? 0) + plan.n;
  const actualRows = await executeRows<{ status: string; n: number }>(
    db,
    `SELECT status::text, count(*)::int AS n FROM messages WHERE clinic_id = ${c} GROUP BY 1 ORDER BY 1`,
  );
  const cases = PLAN.map((plan) => {
    const from = offsetOf(plan);
    return `WHEN i > ${from} AND i <= ${from + plan.n} THEN '${plan.to}'`;
  }).join(" ");
  const count = async (text: string) => (await executeRows<{ n: number }>(db, text))[0]?.n ?? 0;
  const wrongStatus = await count(
    `SELECT count(*)::int AS n FROM (SELECT status::text AS status, right(provider_id, 6)::int AS i FROM messages WHERE clinic_id = ${c}) m
      WHERE status IS DISTINCT FROM (CASE ${cases} END)`,
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
    failedSets: {
      expected: total((plan) => plan.kind === "sms-landline" || plan.kind === "email-bounced"),
      actual: await count(`SELECT count(*)::int AS n FROM invoice_sets WHERE clinic_id = ${c} AND status = 'failed'`),
    },
    receipts: {
      expected: posted,
      actual: await count(
        `SELECT count(*)::int AS n FROM webhook_receipts WHERE event_key LIKE 'status:SMbench${tag}%' OR event_key LIKE 'msg_bench_${tag}_%'`,
      ),
    },
  };
}

/** A clinic with one Active set per message; texts and emails in the states their callbacks start from. */
async function createWebhookClinic(db: Db, clinicId: string) {
  const c = `'${clinicId}'`;
  const tag = clinicId.slice(0, 8);
  const total = PLAN.reduce((sum, plan) => sum + plan.n, 0);
  const smsCount = PLAN.filter((plan) => plan.kind.startsWith("sms")).reduce((sum, plan) => sum + plan.n, 0);
  const fromCase = PLAN.map((plan) => {
    const from = offsetOf(plan);
    return `WHEN i > ${from} AND i <= ${from + plan.n} THEN '${plan.from}'`;
  }).join(" ");
  await run(
    db,
    `INSERT INTO clinics (id, slug, name, phone, email, time_zone)
     VALUES (${c}, 'bench-webhooks-${tag}', 'Webhook bench', '+12025550198', 'billing@bench.clinic', 'UTC')`,
  );
  const [ruleSet] = await executeRows<{ id: string }>(
    db,
    `INSERT INTO rule_sets (clinic_id, title, description, expiry_days, is_default) VALUES (${c}, 'Bench', 'Day-0 text and email', 30, true) RETURNING id`,
  );
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
     SELECT ${scratchUuid(`'set' || ${c} || i`)}, ${c}, ${scratchUuid(`${c} || i`)}, 'active', '${ruleSet?.id}', 1, 0, now() - interval '1 hour', 10000, now() - interval '1 hour', now() - interval '1 hour'
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
            (CASE ${fromCase} END)::message_status,
            now() - interval '1 hour',
            CASE WHEN (CASE ${fromCase} END) = 'sent' THEN now() - interval '1 hour' END,
            now() - interval '1 hour', now() - interval '1 hour'
     FROM generate_series(1, ${total}) i`,
  );
}
