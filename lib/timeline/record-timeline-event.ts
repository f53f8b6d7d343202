import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { insertJsonRows } from "@/db/insert-json-rows";
import { timelineEvents } from "@/db/schema";
import { type Actor, actorUserId } from "@/lib/actor";

/**
 * The one writer of `timeline_events`: a row helper for use cases and a set-based fragment
 * for bulk statements. This file is the only code that knows the table's columns.
 */

export type TimelineKind = (typeof timelineEvents.$inferInsert)["kind"];

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
  await insertJsonRows(
    tx,
    timelineEvents,
    events.map((event) => ({
      clinicId: event.clinicId,
      invoiceSetId: event.invoiceSetId,
      invoiceId: event.invoiceId ?? null,
      kind: event.kind,
      actorKind: event.actor.kind,
      actorUserId: actorUserId(event.actor),
      summary: event.summary,
      details: event.details ?? {},
      occurredAt: event.occurredAt,
    })),
    { defaults: { occurredAt: sql`now()` } },
  );
}

/** Per-row SQL expressions over `from`, for one event per row of a set-based statement. */
export interface TimelineRowsSql {
  /** The rows the events are about, e.g. sql`updated u` (a CTE of the same statement). */
  from: SQL;
  clinicId: SQL;
  invoiceSetId: SQL;
  /** Omitted: a set-level event. */
  invoiceId?: SQL;
  /** A kind, or a per-row timeline_kind expression. */
  kind: TimelineKind | SQL;
  actor: Actor;
  summary: SQL;
  details: SQL;
  at: SQL;
}

/** `insert into timeline_events … select … from <rows>`: use it as a CTE body in a bulk statement. */
export function insertTimelineRowsSql(rows: TimelineRowsSql): SQL {
  const { actor } = rows;
  const kind = typeof rows.kind === "string" ? sql`${rows.kind}::timeline_kind` : rows.kind;
  return sql`insert into timeline_events (clinic_id, invoice_set_id, invoice_id, kind, actor_kind, actor_user_id, summary, details, occurred_at)
    select ${rows.clinicId}, ${rows.invoiceSetId}, ${rows.invoiceId ?? sql`null::uuid`}, ${kind},
      ${actor.kind}::actor_kind, ${actorUserId(actor)}::uuid, ${rows.summary}, ${rows.details}, ${rows.at}
    from ${rows.from}`;
}
