import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import autocannon from "autocannon";
import twilio from "twilio";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";
import { removeClinic } from "@/db/generate/remove-clinic";
import { BENCH_RESEND_WEBHOOK_SECRET, BENCH_TWILIO_AUTH_TOKEN } from "./run-http";
import { round, summarize } from "./stats";
import {
  countFailedSets,
  createWebhookClinic,
  FAILED_SETS,
  offsetOf,
  PLAN,
  type Plan,
  verifyWebhookBursts,
  type WebhookVerification,
} from "./webhook-clinic";

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

export interface WebhookResult {
  twilio: BurstResult;
  resend: BurstResult;
  verification: WebhookVerification;
  /** From the last answer until the engine had failed every set a permanent failure fails (null: not within a minute). */
  failuresTakenInMs: number | null;
  /** Every check above holds: nothing lost, nothing applied twice. */
  exact: boolean;
}

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
    const messages = await createClinicMessages(db, clinicId);
    const twilioPosts: Posted[] = [];
    const resendPosts: Posted[] = [];
    for (const plan of PLAN) {
      const rows = messagesOf(messages, plan, plan.n);
      rows.forEach((message, index) => {
        const posts = plan.kind.startsWith("sms")
          ? [twilioCallback(baseUrl, message.id, message.provider_id, plan)]
          : [resendEvent(message.provider_id, plan, `msg_bench_${tag}_${message.i}`)];
        if (index < plan.replays) posts.push(posts[0] as Posted);
        (plan.kind.startsWith("sms") ? twilioPosts : resendPosts).push(...posts);
      });
    }
    await warmUp(db, baseUrl, options.rate);
    options.log(
      `  ${twilioPosts.length.toLocaleString("en-US")} Twilio status callbacks at ${options.rate || "max"}/s…`,
    );
    const twilioBurst = await burst(baseUrl, interleave(twilioPosts), "twilio", options);
    options.log(`  ${resendPosts.length.toLocaleString("en-US")} Resend events at ${options.rate || "max"}/s…`);
    const resendBurst = await burst(baseUrl, interleave(resendPosts), "resend", options);
    const failuresTakenInMs = await waitForFailedSets(db, clinicId);
    const verification = await verifyWebhookBursts(db, clinicId, tag);
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
    return { twilio: twilioBurst, resend: resendBurst, verification, failuresTakenInMs, exact };
  } finally {
    await run(
      db,
      `DELETE FROM webhook_receipts WHERE event_key LIKE 'status:SMbench${tag}%' OR event_key LIKE 'msg_bench_${tag}_%'`,
    );
    await removeClinic(db, clinicId);
  }
}

/** The server's outreach engine fails the sets after the webhooks answered: how long it took. */
async function waitForFailedSets(db: Db, clinicId: string): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    if ((await countFailedSets(db, clinicId)) >= FAILED_SETS) return Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

/**
 * Unmeasured first: the routes' first requests load and compile their code in each server
 * process, and the write path (message, timeline, audit, receipt) only warms on real
 * messages. So a clinic of its own gets callbacks that change its messages: deliveries and
 * sends with their replays, at the measured rate (failures start outreach runs, left out so
 * the clinic can go at once). Then it is removed.
 */
async function warmUp(db: Db, baseUrl: string, rate: number) {
  const clinicId = randomUUID();
  const tag = clinicId.slice(0, 8);
  try {
    const messages = await createClinicMessages(db, clinicId);
    const posts: Posted[] = [];
    for (const plan of PLAN.filter((plan) => plan.to === "delivered" || plan.to === "sent")) {
      const rows = messagesOf(messages, plan, WARM_UP_PER_KIND);
      rows.forEach((message, index) => {
        const post = plan.kind.startsWith("sms")
          ? twilioCallback(baseUrl, message.id, message.provider_id, plan)
          : resendEvent(message.provider_id, plan, `msg_warm_${tag}_${message.i}`);
        posts.push(post);
        if (index < plan.replays) posts.push(post);
      });
    }
    await burst(baseUrl, interleave(posts), "twilio", { rate: rate || 200, connections: 20 });
  } finally {
    await run(
      db,
      `DELETE FROM webhook_receipts WHERE event_key LIKE 'status:SMbench${tag}%' OR event_key LIKE 'msg_warm_${tag}_%'`,
    );
    await removeClinic(db, clinicId);
  }
}

/** Messages of each kind the warm-up changes (with their replays: 2,500 callbacks, ~13 s at 200/s). */
const WARM_UP_PER_KIND = 500;

interface ScratchMessage {
  id: string;
  /** Its number in PLAN order, from 1. */
  i: number;
  provider_id: string;
}

/** A scratch clinic with the plan's messages (bench/webhook-clinic.ts), and those messages. */
async function createClinicMessages(db: Db, clinicId: string): Promise<ScratchMessage[]> {
  await createWebhookClinic(db, clinicId);
  return executeRows<ScratchMessage>(
    db,
    `SELECT id, right(provider_id, 6)::int AS i, provider_id FROM messages WHERE clinic_id = '${clinicId}' ORDER BY 2`,
  );
}

/** The first `count` messages of a plan's kind. */
const messagesOf = (messages: ScratchMessage[], plan: Plan, count: number) =>
  messages.filter((m) => m.i > offsetOf(plan) && m.i <= offsetOf(plan) + count);

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

/**
 * Posts at a steady `rate` (open loop, like k6's constant-arrival-rate): one request every
 * 1000/rate ms whatever the answers, each timed from when it was due, so a slow answer
 * delays nothing and a client that falls behind still counts the wait. Rate 0: autocannon,
 * every connection posting again as soon as it has its answer (the server's capacity).
 * autocannon's own rate is a budget per connection per second, spent at once at each
 * second's start: 20 connections arriving together, not a rate.
 */
async function burst(
  baseUrl: string,
  posts: Posted[],
  provider: BurstResult["provider"],
  options: { rate: number; connections: number },
): Promise<BurstResult> {
  const started = performance.now();
  const outcome = options.rate > 0 ? await paced(baseUrl, posts, options) : await closedLoop(baseUrl, posts, options);
  const durationMs = performance.now() - started;
  const { latencies } = outcome;
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
    non2xx: outcome.non2xx,
    errors: outcome.errors,
  };
}

interface BurstOutcome {
  latencies: number[];
  non2xx: number;
  errors: number;
}

async function paced(
  baseUrl: string,
  posts: Posted[],
  options: { rate: number; connections: number },
): Promise<BurstOutcome> {
  const target = new URL(baseUrl);
  // Keep-alive connections, as many as the answers need (a provider opens more when we are slow).
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(options.connections, 64) });
  const outcome: BurstOutcome = { latencies: [], non2xx: 0, errors: 0 };
  const interval = 1000 / options.rate;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (const [i, post] of posts.entries()) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      postOnce(target, agent, post).then(
        (status) => {
          outcome.latencies.push(performance.now() - due);
          if (status < 200 || status > 299) outcome.non2xx += 1;
        },
        () => {
          outcome.errors += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return outcome;
}

/**
 * One POST. A kept-alive socket the server closed as it went idle fails at once with a reset:
 * that post is sent again on a fresh socket, as HTTP clients (and the providers) do.
 */
async function postOnce(target: URL, agent: http.Agent, post: Posted): Promise<number> {
  try {
    return await postOn(target, agent, post);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return postOn(target, agent, post);
  }
}

class StaleSocketError extends Error {}

function postOn(target: URL, agent: http.Agent, post: Posted): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: "POST",
        path: post.path,
        headers: { ...post.headers, "content-length": Buffer.byteLength(post.body) },
        agent,
        timeout: 30_000,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        request.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE")
          ? new StaleSocketError(error.message)
          : error,
      ),
    );
    request.end(post.body);
  });
}

async function closedLoop(baseUrl: string, posts: Posted[], options: { connections: number }): Promise<BurstOutcome> {
  let next = 0;
  const outcome: BurstOutcome = { latencies: [], non2xx: 0, errors: 0 };
  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    amount: posts.length,
    timeout: 30,
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
    outcome.latencies.push(responseTime);
    if (statusCode < 200 || statusCode > 299) outcome.non2xx += 1;
  });
  const result = await instance;
  outcome.errors = result.errors + result.timeouts;
  return outcome;
}
