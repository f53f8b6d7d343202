import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invitations, memberships, type Role, users } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { generateOneTimeToken } from "@/lib/auth/one-time-token";
import { AppError } from "@/lib/errors";
import { INVITATION_DAYS } from "./invitation-links";
import { assertInvitationEmailAllowed } from "./invitation-rate-limit";

const DAY = 86_400_000;

/**
 * A one-time invitation to join a clinic with a role. An earlier pending invitation for the
 * same email is revoked, so only the newest link works. Returns the token for the email.
 */
export async function createInvitation(
  tx: Executor,
  params: { clinicId: string; actor: Actor; email: string; role: Role; now?: Date },
): Promise<{ invitationId: string; token: string }> {
  const now = params.now ?? new Date();
  const email = params.email.trim().toLowerCase();
  const [member] = await tx
    .select({ deactivatedAt: memberships.deactivatedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.clinicId, params.clinicId), eq(sql`lower(${users.email})`, email)));
  if (member && !member.deactivatedAt) {
    throw new AppError("conflict", `${email} is already a member of this clinic.`, {
      email: ["This person is already a member. Change their role in the table instead."],
    });
  }
  await assertInvitationEmailAllowed(tx, { clinicId: params.clinicId, email, now });
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.clinicId, params.clinicId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  const { token, tokenHash } = generateOneTimeToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY);
  const [row] = await tx
    .insert(invitations)
    .values({
      clinicId: params.clinicId,
      email,
      role: params.role,
      tokenHash,
      invitedByUserId: params.actor.kind === "user" ? params.actor.userId : null,
      createdAt: now,
      expiresAt,
    })
    .returning({ id: invitations.id });
  if (!row) throw new Error("Could not create the invitation");
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "invitation.create",
    entityType: "invitation",
    entityId: row.id,
    before: null,
    after: { email, role: params.role, expiresAt: expiresAt.toISOString() },
  });
  return { invitationId: row.id, token };
}
