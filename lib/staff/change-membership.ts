import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { memberships, type Role } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { revokeStaffSessions } from "@/lib/auth/staff-sessions";
import { AppError } from "@/lib/errors";

export const LAST_ADMIN_MESSAGE =
  "A clinic needs at least one active admin. Make someone else an admin first, then change this member.";

/**
 * Locks the clinic's active admin memberships (so two admins demoting each other at once
 * cannot leave none) and the member's own row; refuses when the change would remove the last admin.
 */
async function lockMember(tx: Executor, clinicId: string, userId: string, leavesAdmin: boolean) {
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, "admin"), isNull(memberships.deactivatedAt)))
    .for("update");
  const [member] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, userId)))
    .for("update");
  if (!member) throw new AppError("not_found", "That member was not found in this clinic.");
  const isActiveAdmin = member.role === "admin" && !member.deactivatedAt;
  if (isActiveAdmin && leavesAdmin && admins.length <= 1) {
    throw new AppError("conflict", LAST_ADMIN_MESSAGE);
  }
  return member;
}

/** A new role; the guard reads roles on every request, so it applies on the member's next click. */
export async function changeMemberRole(
  tx: Executor,
  params: { clinicId: string; actor: Actor; userId: string; role: Role },
): Promise<{ changed: boolean }> {
  const member = await lockMember(tx, params.clinicId, params.userId, params.role !== "admin");
  if (member.deactivatedAt) throw new AppError("invalid_transition", "This member is deactivated. Invite them again.");
  if (member.role === params.role) return { changed: false };
  await tx
    .update(memberships)
    .set({ role: params.role })
    .where(and(eq(memberships.clinicId, params.clinicId), eq(memberships.userId, params.userId)));
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "membership.change_role",
    entityType: "membership",
    entityId: params.userId,
    before: { role: member.role },
    after: { role: params.role },
  });
  return { changed: true };
}

/** The member loses this clinic at once: their sessions in it end on their next request. */
export async function deactivateMember(
  tx: Executor,
  params: { clinicId: string; actor: Actor; userId: string; now?: Date },
): Promise<{ sessionsEnded: number }> {
  const member = await lockMember(tx, params.clinicId, params.userId, true);
  if (member.deactivatedAt) return { sessionsEnded: 0 };
  await tx
    .update(memberships)
    .set({ deactivatedAt: params.now ?? new Date() })
    .where(and(eq(memberships.clinicId, params.clinicId), eq(memberships.userId, params.userId)));
  const sessionsEnded = await revokeStaffSessions(tx, { userId: params.userId, clinicId: params.clinicId });
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "membership.deactivate",
    entityType: "membership",
    entityId: params.userId,
    before: { role: member.role, deactivated: false },
    after: { role: member.role, deactivated: true, sessionsEnded },
  });
  return { sessionsEnded };
}
