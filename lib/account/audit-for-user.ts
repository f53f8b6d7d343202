import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { memberships } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAuditMany } from "@/lib/audit/record-audit";

/**
 * Audits a change to a person rather than to one clinic (password, two-factor, name):
 * one row in each clinic they are an active member of, so every clinic's log shows it.
 */
export async function recordAuditForUser(
  tx: Executor,
  entry: {
    userId: string;
    actor: Actor;
    action: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  },
): Promise<void> {
  const clinicRows = await tx
    .select({ clinicId: memberships.clinicId })
    .from(memberships)
    .where(and(eq(memberships.userId, entry.userId), isNull(memberships.deactivatedAt)));
  await recordAuditMany(
    tx,
    clinicRows.map(({ clinicId }) => ({
      clinicId,
      actor: entry.actor,
      action: entry.action,
      entityType: "user",
      entityId: entry.userId,
      before: entry.before,
      after: entry.after,
    })),
  );
}
