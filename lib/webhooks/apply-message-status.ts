import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { invoiceSets, type Message, messages } from "@/db/schema";
import type { invoiceSetStopped } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { channelName } from "@/lib/outreach/channels";
import { failSetForDelivery } from "@/lib/outreach/fail-set-for-delivery";
import type { UnusableEffect } from "@/lib/outreach/mark-channel-unusable";
import { messageTemporarilyFailed } from "@/lib/outreach/retry-events";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";

type StopEvent = ReturnType<typeof invoiceSetStopped.create>;
type RetryEvent = ReturnType<typeof messageTemporarilyFailed.create>;

export type MessageStatus = Message["status"];

/** Statuses only move forward: queued < sent < delivered < a final failure. */
const RANK: Record<MessageStatus, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  failed: 3,
  undelivered: 3,
  bounced: 3,
  complained: 3,
};
const FAILURES: readonly MessageStatus[] = ["failed", "undelivered", "bounced", "complained"];

export function isForwardStatus(from: MessageStatus, to: MessageStatus): boolean {
  return RANK[to] > RANK[from];
}

export type FailureKind =
  | { kind: "permanent"; effect: UnusableEffect; reason: string }
  | { kind: "temporary"; reason: string }
  | { kind: "unknown"; reason: string };

export interface StatusUpdate {
  /** Transports whose messages this provider reports on; the outbox stands in for both in demo and tests. */
  transports: Message["transport"][];
  providerId: string;
  status: MessageStatus;
  errorCode?: string | null;
  failure?: FailureKind;
  at: Date;
}

export type ApplyResult =
  | { kind: "unknown_message" }
  | { kind: "ignored"; from: MessageStatus }
  | { kind: "applied"; message: Message; events: (StopEvent | RetryEvent)[] };

/**
 * Applies a provider's delivery receipt inside the webhook's transaction: never backwards,
 * timeline for delivered and failed, and a permanent failure marks the patient's channel
 * unusable and fails the set (whose sequence must then stop: see `events`).
 */
export async function applyMessageStatus(tx: Tx, update: StatusUpdate): Promise<ApplyResult> {
  const [message] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.providerId, update.providerId), inArray(messages.transport, update.transports)))
    .for("update");
  if (!message) return { kind: "unknown_message" };
  if (!isForwardStatus(message.status, update.status)) return { kind: "ignored", from: message.status };

  const failed = FAILURES.includes(update.status);
  const [updated] = await tx
    .update(messages)
    .set({
      status: update.status,
      updatedAt: update.at,
      ...(update.status === "sent" ? { sentAt: message.sentAt ?? update.at } : {}),
      ...(update.status === "delivered" ? { deliveredAt: update.at } : {}),
      ...(failed
        ? { failedAt: update.at, errorCode: update.errorCode ?? null, errorMessage: update.failure?.reason ?? null }
        : {}),
    })
    .where(and(eq(messages.id, message.id), eq(messages.status, message.status)))
    .returning();
  if (!updated) return { kind: "ignored", from: message.status };

  const ref = { clinicId: message.clinicId, invoiceSetId: message.invoiceSetId };
  const what = channelName(message.channel);
  const details = {
    messageId: message.id,
    channel: message.channel,
    status: update.status,
    code: update.errorCode ?? null,
  };
  if (update.status === "delivered") {
    await recordTimelineEvent(tx, {
      ...ref,
      kind: "message_delivered",
      actor: SYSTEM,
      summary: `${what} delivered to ${message.destination}`,
      details,
      occurredAt: update.at,
    });
    return { kind: "applied", message: updated, events: [] };
  }
  if (!failed || !update.failure) return { kind: "applied", message: updated, events: [] };

  const failure = update.failure;
  const summary =
    failure.kind === "permanent"
      ? `${what} to ${message.destination} failed: ${failure.reason}`
      : failure.kind === "temporary"
        ? `${what} to ${message.destination} not delivered yet: ${failure.reason}. It will be tried once more later.`
        : `${what} to ${message.destination} not delivered: ${failure.reason}. Recorded for review; outreach continues.`;
  await recordTimelineEvent(tx, {
    ...ref,
    kind: "message_failed",
    actor: SYSTEM,
    summary,
    details: { ...details, failure: failure.kind },
    occurredAt: update.at,
  });
  if (failure.kind === "temporary") {
    // One more try later (inngest/functions/retry-temporary-failure.ts); keyed so a replay can't schedule two.
    return {
      kind: "applied",
      message: updated,
      events: [
        messageTemporarilyFailed.create(
          { clinicId: message.clinicId, messageId: message.id },
          { id: `retry-${message.id}` },
        ),
      ],
    };
  }
  if (failure.kind !== "permanent") return { kind: "applied", message: updated, events: [] };

  const [set] = await tx
    .select({ patientId: invoiceSets.patientId })
    .from(invoiceSets)
    .where(eq(invoiceSets.id, message.invoiceSetId));
  if (!set) return { kind: "applied", message: updated, events: [] };
  const events = await failSetForDelivery(tx, {
    ...ref,
    patientId: set.patientId,
    effect: failure.effect,
    reason: failure.reason,
    at: update.at,
    details,
  });
  return { kind: "applied", message: updated, events };
}
