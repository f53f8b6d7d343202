import type { Executor } from "@/db/connect";
import { auditLog } from "@/db/schema";
import { type Actor, actorApiKeyId, actorIp, actorUserId } from "@/lib/actor";

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
      before: entry.before ?? null,
      after: entry.after ?? null,
      ip: actorIp(entry.actor),
    })),
  );
}
