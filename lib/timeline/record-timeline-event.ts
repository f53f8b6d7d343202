import type { Executor } from "@/db/connect";
import { timelineEvents } from "@/db/schema";
import { type Actor, actorUserId } from "@/lib/actor";

type TimelineKind = (typeof timelineEvents.$inferInsert)["kind"];

export interface TimelineEventInput {
  clinicId: string;
  invoiceSetId: string | null;
  invoiceId?: string | null;
  kind: TimelineKind;
  actor: Actor;
  /** One line, as staff read it on the Invoice Timeline. */
  summary: string;
  details?: Record<string, unknown>;
  occurredAt?: Date;
}

export async function recordTimelineEvent(tx: Executor, event: TimelineEventInput): Promise<void> {
  await recordTimelineEvents(tx, [event]);
}

/** One INSERT for many events (bulk actions). */
export async function recordTimelineEvents(tx: Executor, events: readonly TimelineEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(timelineEvents).values(
    events.map((event) => ({
      clinicId: event.clinicId,
      invoiceSetId: event.invoiceSetId,
      invoiceId: event.invoiceId ?? null,
      kind: event.kind,
      actorKind: event.actor.kind,
      actorUserId: actorUserId(event.actor),
      summary: event.summary,
      details: event.details ?? {},
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    })),
  );
}
