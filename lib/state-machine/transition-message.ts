import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { insertJsonRowsSql } from "@/db/insert-json-rows";
import { type Message, messages } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { insertAuditRowsSql, recordAudit } from "@/lib/audit/record-audit";
import {
  canMoveMessage,
  isMessageFailure,
  type MessageAction,
  type MessageStatus,
  statusesThatMayMoveTo,
} from "./message";

/** Columns a move may write beside the status. */
export type MessageChanges = Partial<
  Pick<
    typeof messages.$inferInsert,
    "providerId" | "transport" | "errorCode" | "errorMessage" | "attemptedAt" | "retriedAt"
  >
>;

/**
 * The only writer of messages.status (after the first insert). Asks the table, then
 * writes with a conditional update on the status it saw, so two writers racing can't
 * both win: null means the move was refused or lost the race, and nothing changed.
 * The status timestamps follow the status (sent_at, delivered_at, failed_at). Each move is
 * in the audit log as well as (through its callers) on the set's timeline.
 */
export async function transitionMessage(
  db: Executor,
  params: {
    message: Pick<Message, "id" | "status" | "sentAt">;
    to: MessageStatus;
    action?: MessageAction;
    at: Date;
    changes?: MessageChanges;
  },
): Promise<Message | null> {
  const { message, to, at } = params;
  if (!canMoveMessage(message.status, to, params.action ?? "advance")) return null;
  const [updated] = await db
    .update(messages)
    .set({
      ...params.changes,
      status: to,
      updatedAt: at,
      ...(to === "sent" ? { sentAt: message.sentAt ?? at } : {}),
      ...(to === "delivered" ? { deliveredAt: at } : {}),
      ...(isMessageFailure(to) ? { failedAt: at } : {}),
      ...(to === "sending" ? { failedAt: null } : {}),
    })
    .where(and(eq(messages.id, message.id), eq(messages.status, message.status)))
    .returning();
  if (!updated) return null;
  await recordAudit(db, {
    clinicId: updated.clinicId,
    actor: SYSTEM,
    action: `message.${to}`,
    entityType: "message",
    entityId: updated.id,
    before: { status: message.status },
    after: {
      status: to,
      invoiceSetId: updated.invoiceSetId,
      channel: updated.channel,
      ...(updated.errorCode ? { errorCode: updated.errorCode } : {}),
    },
  });
  return updated;
}

/**
 * transitionMessage as CTE bodies of one statement (the webhook receipts' path, one round
 * trip): `moveMessagesSql` advances each row of `from` (a CTE of the statement with the
 * message's `id` and `status`, locked) that may move to `to`, guarded on the status it saw,
 * and returns the moved rows with `from_status`; `auditMessageMovesSql` records each move as
 * transitionMessage does.
 */
export function moveMessagesSql(params: {
  from: SQL;
  /** Further condition on the rows of `from` (alias f). */
  where?: SQL;
  to: MessageStatus;
  at: Date;
  /** A receipt's provider id, kept when the message has none yet. */
  providerId?: string;
  /** Each row's own provider id (a column of `from`), written as transitionMessage writes it. */
  providerIdOfRow?: SQL;
  /** The move is an attempt: attempted_at is `at` (a move to "sending"). */
  attempted?: boolean;
  error?: { code: string | null; message: string | null };
}): SQL {
  const { to } = params;
  const at = sql`${params.at.toISOString()}::timestamptz`;
  const sets: SQL[] = [sql`status = ${to}::message_status`, sql`updated_at = ${at}`];
  if (params.providerId) sets.push(sql`provider_id = coalesce(m.provider_id, ${params.providerId}::text)`);
  if (params.providerIdOfRow) sets.push(sql`provider_id = ${params.providerIdOfRow}`);
  if (params.attempted) sets.push(sql`attempted_at = ${at}`);
  if (params.error)
    sets.push(sql`error_code = ${params.error.code}::text`, sql`error_message = ${params.error.message}::text`);
  if (to === "sent") sets.push(sql`sent_at = coalesce(m.sent_at, ${at})`);
  if (to === "delivered") sets.push(sql`delivered_at = ${at}`);
  if (isMessageFailure(to)) sets.push(sql`failed_at = ${at}`);
  if (to === "sending") sets.push(sql`failed_at = null`);
  const allowed = statusesThatMayMoveTo(to, "advance");
  return sql`update messages m set ${sql.join(sets, sql`, `)}
    from ${params.from}
    where m.id = f.id and m.status = f.status
      and f.status in (${sql.join(
        allowed.map((status) => sql`${status}::message_status`),
        sql`, `,
      )})${params.where ? sql` and ${params.where}` : sql``}
    returning m.*, f.status as from_status`;
}

/**
 * transitionMessage for many messages in one statement (the local engine's batched sends):
 * each moves from the status it was seen in (a row that changed meanwhile stays as it is),
 * with its audit row. Returns the ids that moved.
 */
export async function transitionMessages(
  db: Executor,
  params: {
    messages: readonly { id: string; status: MessageStatus; providerId?: string | null }[];
    to: MessageStatus;
    at: Date;
    /** A move to "sending" for an attempt (attempted_at is `at`). */
    attempted?: boolean;
  },
): Promise<Set<string>> {
  if (params.messages.length === 0) return new Set();
  const json = JSON.stringify(
    params.messages.map((m) => ({ id: m.id, status: m.status, provider_id: m.providerId ?? null })),
  );
  const moved = await executeRows<{ id: string }>(
    db,
    sql`with f as (
      select * from jsonb_to_recordset(${json}::jsonb) as f(id uuid, status message_status, provider_id text)
    ),
    moved as (${moveMessagesSql({
      from: sql`f`,
      to: params.to,
      at: params.at,
      attempted: params.attempted,
      ...(params.messages.some((m) => m.providerId) ? { providerIdOfRow: sql`f.provider_id` } : {}),
    })}),
    audit as (${auditMessageMovesSql(sql`moved u`)})
    select id from moved`,
  );
  return new Set(moved.map((row) => row.id));
}

/**
 * The first insert of messages that go to their provider at once (the local engine's
 * batched sends): each row is written already "sending" (attempted at `at`), with the
 * audit row of its queued → sending move, in the caller's synchronous commit before any
 * provider call. A row whose key is taken is not written. Returns the rows written.
 */
export async function insertSendingMessages<R>(
  tx: Executor,
  rows: readonly (typeof messages.$inferInsert)[],
  at: Date,
  returning: SQL,
): Promise<R[]> {
  if (rows.length === 0) return [];
  if (!canMoveMessage("queued", "sending", "advance")) throw new Error("queued messages may not be sent");
  return executeRows<R>(
    tx,
    sql`with moved as (${insertJsonRowsSql(
      messages,
      rows.map((row) => ({ ...row, status: "sending" as const, attemptedAt: at, updatedAt: at })),
      { onConflictDoNothing: true, returning: sql`*, 'queued'::message_status as from_status` },
    )}),
    audit as (${auditMessageMovesSql(sql`moved u`)})
    select ${returning} from moved`,
  );
}

/** The audit rows of `moveMessagesSql`'s moves (a CTE of the same statement, e.g. sql`moved u`). */
export function auditMessageMovesSql(moved: SQL): SQL {
  return insertAuditRowsSql({
    from: moved,
    clinicId: sql`u.clinic_id`,
    actor: SYSTEM,
    action: sql`'message.' || u.status::text`,
    entityType: "message",
    entityId: sql`u.id`,
    before: sql`jsonb_build_object('status', u.from_status)`,
    after: sql`jsonb_build_object('status', u.status, 'invoiceSetId', u.invoice_set_id, 'channel', u.channel)
      || case when coalesce(u.error_code, '') <> '' then jsonb_build_object('errorCode', u.error_code) else '{}'::jsonb end`,
    at: sql`now()`,
  });
}
