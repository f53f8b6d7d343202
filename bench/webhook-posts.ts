import { createHmac } from "node:crypto";
import http from "node:http";
import autocannon from "autocannon";
import twilio from "twilio";
import { BENCH_RESEND_WEBHOOK_SECRET, BENCH_TWILIO_AUTH_TOKEN } from "./run-http";
import { round, summarize } from "./stats";
import type { Plan } from "./webhook-clinic";

// Signed provider callbacks and the two ways of posting them (paced, or as fast as answered).

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

export interface Posted {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Spreads the kinds over the burst (a fixed stride), keeping each replay right behind its original. */
export function interleave(posts: Posted[]): Posted[] {
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

export function twilioCallback(baseUrl: string, messageId: string, sid: string, plan: Plan): Posted {
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

export function resendEvent(emailId: string, plan: Plan, svixId: string): Posted {
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
export async function burst(
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
