import { randomUUID } from "node:crypto";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";
import { removeClinic } from "@/db/generate/remove-clinic";
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
import { type BurstResult, burst, interleave, type Posted, resendEvent, twilioCallback } from "./webhook-posts";

export interface WebhookResult {
  twilio: BurstResult;
  resend: BurstResult;
  verification: WebhookVerification;
  /** From the last answer until the engine had failed every set a permanent failure fails (null: not within a minute). */
  failuresTakenInMs: number | null;
  /** Every check above holds: nothing lost, nothing applied twice. */
  exact: boolean;
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
