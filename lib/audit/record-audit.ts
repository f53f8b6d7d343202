import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { auditLog } from "@/db/schema";
import { type Actor, actorApiKeyId, actorIp, actorUserId } from "@/lib/actor";

/**
 * The one writer of `audit_log`: a row helper for use cases and a set-based fragment for
 * bulk statements. This file is the only code that knows the table's columns, so adding a
 * column is a change here and nowhere else.
 */

export interface AuditEntryInput {
  clinicId: string;
  actor: Actor;
  /** What happened, as verb-noun: "invoice_set.pause", "patient.view". */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** jsonb can't hold \u0000: strings anywhere in a row's details lose it (a search term typed with one). */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("\u0000", "");
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key.replaceAll("\u0000", ""), jsonSafe(item)]),
    );
  }
  return value;
}

function details(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  return value ? (jsonSafe(value) as Record<string, unknown>) : null;
}

/** Writes one audit row. Call it inside the transaction of the change it records. */
export async function recordAudit(tx: Executor, entry: AuditEntryInput): Promise<void> {
  await recordAuditMany(tx, [entry]);
}

/** One INSERT for many audit rows (bulk actions). */
export async function recordAuditMany(tx: Executor, entries: readonly AuditEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values(
    entries.map((entry) => ({
      clinicId: entry.clinicId,
      actorKind: entry.actor.kind,
      userId: actorUserId(entry.actor),
      apiKeyId: actorApiKeyId(entry.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: details(entry.before),
      after: details(entry.after),
      ip: actorIp(entry.actor),
    })),
  );
}

/**
 * A failed sign-in for an email that has no account belongs to no clinic: its row has no
 * clinic and no user (the table's check allows that for this action only), so no clinic's
 * admins see it; operators read it in the database, next to the throttle that counted it.
 */
export async function recordUnknownEmailSignInFailure(
  db: Executor,
  attempt: { email: string; ip: string | null },
): Promise<void> {
  await db.insert(auditLog).values({
    clinicId: null,
    actorKind: "user",
    userId: null,
    action: "auth.sign_in_failed",
    entityType: "user",
    entityId: null,
    after: details({ email: attempt.email.trim().toLowerCase() }),
    ip: attempt.ip,
  });
}

/** Per-row SQL expressions over `from`, for an audit row per row of a set-based statement. */
export interface AuditRowsSql {
  /** The rows being audited, e.g. sql`updated u` (a CTE of the same statement). */
  from: SQL;
  clinicId: SQL;
  actor: Actor;
  /** A text expression: "invoice.mark_bad_debt" or a per-row one. */
  action: SQL;
  entityType: string;
  entityId: SQL;
  before: SQL;
  after: SQL;
  at: SQL;
}

/** `insert into audit_log … select … from <rows>`: use it as a CTE body in a bulk statement. */
export function insertAuditRowsSql(rows: AuditRowsSql): SQL {
  const { actor } = rows;
  return sql`insert into audit_log (clinic_id, actor_kind, user_id, api_key_id, action, entity_type, entity_id, before, after, ip, created_at)
    select ${rows.clinicId}, ${actor.kind}::actor_kind, ${actorUserId(actor)}::uuid, ${actorApiKeyId(actor)}::uuid, ${rows.action}, ${rows.entityType}::text,
      ${rows.entityId}, ${rows.before}, ${rows.after}, ${actorIp(actor)}::text, ${rows.at}
    from ${rows.from}`;
}
