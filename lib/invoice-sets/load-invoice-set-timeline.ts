import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets, messages, timelineEvents, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { formatDateTimeWithZoneName } from "@/lib/format/dates";
import { channelName } from "@/lib/outreach/channels";

export interface TimelineEntry {
  id: string;
  at: string;
  /** The time as staff read it, in the clinic's time zone. */
  atText: string;
  kind: string;
  summary: string;
  actor: string;
}

export interface TimelineMessage {
  id: string;
  at: string;
  atText: string;
  channel: string;
  to: string;
  status: string;
  error: string | null;
}

const MESSAGE_STATUS: Record<string, string> = {
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  failed: "Failed",
  undelivered: "Undelivered",
  bounced: "Bounced",
  complained: "Marked as spam",
};

/**
 * The Invoice Timeline of one set (oldest first): status and rule-set changes, payments,
 * replies and message events with who did them, and every message with its channel,
 * destination and delivery status. Times are in the clinic's time zone.
 */
export async function loadInvoiceSetTimeline(db: Executor, clinicId: string, invoiceSetId: string, timeZone: string) {
  const [set] = await db
    .select({ id: invoiceSets.id })
    .from(invoiceSets)
    .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)));
  if (!set) throw new AppError("not_found", "This invoice set was not found. It may belong to another clinic.");

  const [events, sent] = await Promise.all([
    db
      .select({
        id: timelineEvents.id,
        occurredAt: timelineEvents.occurredAt,
        kind: timelineEvents.kind,
        summary: timelineEvents.summary,
        actorKind: timelineEvents.actorKind,
        actorName: users.name,
      })
      .from(timelineEvents)
      .leftJoin(users, eq(users.id, timelineEvents.actorUserId))
      .where(and(eq(timelineEvents.invoiceSetId, invoiceSetId), eq(timelineEvents.clinicId, clinicId)))
      .orderBy(asc(timelineEvents.occurredAt), asc(timelineEvents.id))
      .limit(500),
    db
      .select({
        id: messages.id,
        createdAt: messages.createdAt,
        sentAt: messages.sentAt,
        channel: messages.channel,
        destination: messages.destination,
        status: messages.status,
        errorCode: messages.errorCode,
        errorMessage: messages.errorMessage,
      })
      .from(messages)
      .where(and(eq(messages.invoiceSetId, invoiceSetId), eq(messages.clinicId, clinicId)))
      .orderBy(asc(messages.createdAt), asc(messages.id))
      .limit(500),
  ]);

  const entries: TimelineEntry[] = events.map((event) => ({
    id: event.id,
    at: event.occurredAt.toISOString(),
    atText: formatDateTimeWithZoneName(event.occurredAt, timeZone),
    kind: event.kind,
    summary: event.summary,
    actor:
      event.actorKind === "user"
        ? (event.actorName ?? "Staff")
        : event.actorKind === "patient"
          ? "Patient"
          : event.actorKind === "api_key"
            ? "API"
            : "System",
  }));
  const messageRows: TimelineMessage[] = sent.map((message) => {
    const at = message.sentAt ?? message.createdAt;
    return {
      id: message.id,
      at: at.toISOString(),
      atText: formatDateTimeWithZoneName(at, timeZone),
      channel: channelName(message.channel),
      to: message.destination,
      status: MESSAGE_STATUS[message.status] ?? message.status,
      error: message.errorMessage ?? (message.errorCode ? `Error ${message.errorCode}` : null),
    };
  });
  return { entries, messages: messageRows };
}
