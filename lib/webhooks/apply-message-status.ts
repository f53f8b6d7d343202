import { and, eq, inArray, or } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { invoiceSets, type Message, messages } from "@/db/schema";
import { type AppEvent, messageTemporarilyFailed } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { channelName } from "@/lib/outreach/channels";
import { failSetForDelivery } from "@/lib/outreach/fail-set-for-delivery";
import { isMessageFailure, type MessageStatus } from "@/lib/state-machine/message";
import type { UnusableEffect } from "@/lib/state-machine/patient-channels";
import { transitionMessage } from "@/lib/state-machine/transition-message";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";

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

export type ApplyResult =
  | { kind: "unknown_message" }
  | { kind: "replay" }
  | { kind: "ignored"; from: MessageStatus }
  | { kind: "applied"; message: Message; events: AppEvent[] };

/**
 * Applies a provider's delivery receipt inside the webhook's transaction, matched by our
 * message id from the callback URL or by the provider's id: forward only
 * (lib/state-machine/message.ts), timeline for delivered and failed, and a permanent
 * failure marks the patient's channel unusable and fails the set (whose sequence must
 * then stop: see `events`).
 */
export async function applyMessageStatus(
  tx: Tx,
  update: StatusUpdate,
  /** Records the webhook delivery as handled; false for a replay. Only called once the message is found. */
  claim: () => Promise<boolean>,
): Promise<ApplyResult> {
  const byProvider = and(eq(messages.providerId, update.providerId), inArray(messages.transport, update.transports));
  const [message] = await tx
    .select()
    .from(messages)
    .where(update.messageId ? or(eq(messages.id, update.messageId), byProvider) : byProvider)
    .for("update");
  // Not claimed: a receipt for a message we can't match yet is handled when it comes again.
  if (!message) return { kind: "unknown_message" };
  if (!(await claim())) return { kind: "replay" };
  // A late receipt for an earlier attempt says nothing about the retry that replaced it.
  if (message.providerId && message.providerId !== update.providerId) return { kind: "ignored", from: message.status };
  const failed = isMessageFailure(update.status);
  const updated = await transitionMessage(tx, {
    message,
    to: update.status,
    at: update.at,
    changes: {
      ...(message.providerId ? {} : { providerId: update.providerId }),
      ...(failed ? { errorCode: update.errorCode ?? null, errorMessage: update.failure?.reason ?? null } : {}),
    },
  });
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
  const events: AppEvent[] = await failSetForDelivery(tx, {
    ...ref,
    patientId: set.patientId,
    effect: failure.effect,
    reason: failure.reason,
    at: update.at,
    details,
  });
  return { kind: "applied", message: updated, events };
}
