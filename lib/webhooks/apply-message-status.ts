import { type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "@/db/connect";
import { executePreparedRows } from "@/db/execute-rows";
import type { Message } from "@/db/schema";
import { messagePermanentlyFailed, messageTemporarilyFailed } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { runUseCase } from "@/lib/events/run-use-case";
import { type Channel, channelName } from "@/lib/outreach/channels";
import { isMessageFailure, type MessageStatus } from "@/lib/state-machine/message";
import type { UnusableEffect } from "@/lib/state-machine/patient-channels";
import { auditMessageMovesSql, moveMessagesSql } from "@/lib/state-machine/transition-message";
import { insertTimelineRowsSql } from "@/lib/timeline/record-timeline-event";
import { claimWebhookReceiptSql } from "./claim-receipt";

export type { MessageStatus } from "@/lib/state-machine/message";

export type FailureKind =
  | { kind: "permanent"; effect: UnusableEffect; reason: string }
  | { kind: "temporary"; reason: string }
  | { kind: "unknown"; reason: string };

export interface StatusUpdate {
  /** Transports whose messages this provider reports on; the outbox stands in for both in demo and tests. */
  transports: Message["transport"][];
  providerId: string;
  /** Our message id, from the callback URL: matches a receipt that beats the saved provider id. */
  messageId?: string;
  status: MessageStatus;
  errorCode?: string | null;
  failure?: FailureKind;
  at: Date;
}

/** The provider's delivery (webhook_receipts key): handled once. */
export interface Receipt {
  provider: string;
  eventKey: string;
}

export type ApplyOutcome = "unknown_message" | "replay" | "ignored" | "applied";

/**
 * Applies a provider's delivery receipt, matched by our message id from the callback URL or
 * by the provider's id: forward only (lib/state-machine/message.ts), deduplicated by the
 * receipt, audited, on the timeline for delivered and failed. A receipt that asks for nothing
 * more is one statement (a burst of them is one round trip each). A failure also publishes,
 * from the same transaction, what comes of it: a temporary one schedules the retry, a
 * permanent one the run that marks the patient's channel unusable and fails the set.
 */
export async function applyMessageStatus(db: Db, update: StatusUpdate, receipt: Receipt): Promise<ApplyOutcome> {
  const failure = isMessageFailure(update.status) ? update.failure : undefined;
  if (failure?.kind !== "temporary" && failure?.kind !== "permanent")
    return (await receiveStatus(db, update, receipt)).outcome;
  const { result } = await runUseCase(db, async (tx) => {
    const received = await receiveStatus(tx, update, receipt);
    if (received.outcome !== "applied" || !received.moved) return { result: received.outcome, events: [] };
    const { moved } = received;
    if (failure.kind === "temporary") {
      // One more try later (inngest/functions/retry-temporary-failure.ts); keyed so a replay can't schedule two.
      const retry = messageTemporarilyFailed.create(
        { clinicId: moved.clinicId, messageId: moved.id },
        { id: `retry-${moved.id}` },
      );
      return { result: received.outcome, events: [retry] };
    }
    if (!moved.patientId) return { result: received.outcome, events: [] };
    // The channel and the set are the engine's (lib/outreach/fail-set-for-delivery.ts): the
    // provider gets its answer without waiting for them. Keyed so a replay can't fail twice.
    const fail = messagePermanentlyFailed.create(
      {
        clinicId: moved.clinicId,
        invoiceSetId: moved.invoiceSetId,
        patientId: moved.patientId,
        messageId: moved.id,
        channel: moved.channel,
        status: update.status,
        code: update.errorCode ?? null,
        effect: failure.effect,
        reason: failure.reason,
        at: update.at.toISOString(),
      },
      { id: `fail-${moved.id}` },
    );
    return { result: received.outcome, events: [fail] };
  });
  return result;
}

interface Received {
  outcome: ApplyOutcome;
  moved?: { id: string; clinicId: string; invoiceSetId: string; channel: Channel; patientId: string | null };
}

/**
 * One statement: lock the message, claim the receipt (only once the message is found: a
 * receipt we can't match yet is handled when it comes again), move it forward, and write its
 * audit and timeline rows.
 */
async function receiveStatus(db: Executor, update: StatusUpdate, receipt: Receipt): Promise<Received> {
  const failure = isMessageFailure(update.status) ? update.failure : undefined;
  const byProvider = sql`(provider_id = ${update.providerId}::text and transport in (${sql.join(
    update.transports.map((transport) => sql`${transport}::message_transport`),
    sql`, `,
  )}))`;
  const match = update.messageId ? sql`(id = ${update.messageId}::uuid or ${byProvider})` : byProvider;
  const timeline = timelineSql(update, failure);
  const [row] = await executePreparedRows<{
    found: number;
    claimed: number;
    id: string | null;
    clinic_id: string | null;
    invoice_set_id: string | null;
    channel: Channel | null;
    patient_id: string | null;
  }>(
    db,
    sql`with found as (
      select id, status, provider_id from messages where ${match} limit 1 for update
    ),
    claim as (${claimWebhookReceiptSql(receipt, sql`found`)}),
    moved as (${moveMessagesSql({
      from: sql`found f`,
      // A late receipt for an earlier attempt says nothing about the retry that replaced it.
      where: sql`exists (select 1 from claim) and (f.provider_id is null or f.provider_id = ${update.providerId}::text)`,
      to: update.status,
      at: update.at,
      providerId: update.providerId,
      ...(isMessageFailure(update.status)
        ? { error: { code: update.errorCode ?? null, message: update.failure?.reason ?? null } }
        : {}),
    })}),
    audit as (${auditMessageMovesSql(sql`moved u`)})${timeline ? sql`, timeline as (${timeline})` : sql``}
    select (select count(*) from found)::int as found, (select count(*) from claim)::int as claimed,
      u.id, u.clinic_id, u.invoice_set_id, u.channel, s.patient_id
    from (select 1) one
    left join moved u on true
    left join invoice_sets s on s.id = u.invoice_set_id and s.clinic_id = u.clinic_id`,
  );
  if (!row?.found) return { outcome: "unknown_message" };
  if (!row.claimed) return { outcome: "replay" };
  if (!row.id || !row.clinic_id || !row.invoice_set_id || !row.channel) return { outcome: "ignored" };
  return {
    outcome: "applied",
    moved: {
      id: row.id,
      clinicId: row.clinic_id,
      invoiceSetId: row.invoice_set_id,
      channel: row.channel,
      patientId: row.patient_id,
    },
  };
}

/** The timeline row of a delivered or failed receipt, over the moved message (u); null for other moves. */
function timelineSql(update: StatusUpdate, failure: FailureKind | undefined): SQL | null {
  const what = sql`(case u.channel ${sql.join(
    (["sms", "email"] as const).map(
      (channel) => sql`when ${channel}::message_channel then ${channelName(channel)}::text`,
    ),
    sql` `,
  )} end)`;
  const details = sql`jsonb_build_object('messageId', u.id, 'channel', u.channel, 'status', ${update.status}::text, 'code', ${update.errorCode ?? null}::text)`;
  const row = {
    from: sql`moved u`,
    clinicId: sql`u.clinic_id`,
    invoiceSetId: sql`u.invoice_set_id`,
    actor: SYSTEM,
    at: sql`${update.at.toISOString()}::timestamptz`,
  };
  if (update.status === "delivered")
    return insertTimelineRowsSql({
      ...row,
      kind: "message_delivered",
      summary: sql`${what} || ' delivered to ' || u.destination`,
      details,
    });
  if (!failure) return null;
  const tail =
    failure.kind === "permanent"
      ? ` failed: ${failure.reason}`
      : failure.kind === "temporary"
        ? ` not delivered yet: ${failure.reason}. It will be tried once more later.`
        : ` not delivered: ${failure.reason}. Recorded for review; outreach continues.`;
  return insertTimelineRowsSql({
    ...row,
    kind: "message_failed",
    summary: sql`${what} || ' to ' || u.destination || ${tail}::text`,
    details: sql`${details} || jsonb_build_object('failure', ${failure.kind}::text)`,
  });
}
