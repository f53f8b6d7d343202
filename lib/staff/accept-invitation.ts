import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { invitations, memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { passwordFields, refinePassword } from "@/lib/auth/password-rules";
import { AppError } from "@/lib/errors";
import { INVITATION_STATUS_MESSAGES, lookupInvitation } from "./lookup-invitation";

/** "Your name", "Password", "Confirm password" for someone new; the password may not contain the invited email. */
export function newAccountSchema(email: string) {
  return z
    .object({
      name: z.string().trim().min(2, "Enter your name.").max(120, "Keep it under 120 characters."),
      ...passwordFields,
    })
    .superRefine((value, ctx) => refinePassword(value, ctx, { name: value.name, email }));
}
export type NewAccount = z.output<ReturnType<typeof newAccountSchema>>;

/**
 * Uses an invitation once: someone new gets an account, an existing user just joins (a
 * deactivated membership comes back with the invited role). The invitation row is locked,
 * so two tabs cannot both use it.
 */
export async function acceptInvitation(
  tx: Executor,
  params: { token: string; account: NewAccount | null; ip: string | null; now?: Date },
): Promise<{ userId: string; clinicName: string; joinedExisting: boolean }> {
  const now = params.now ?? new Date();
  const found = await lookupInvitation(tx, params.token, now);
  if (found.status !== "valid") throw new AppError("invalid_transition", INVITATION_STATUS_MESSAGES[found.status]);
  const { invitation } = found;
  const [locked] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .for("update");
  if (!locked) throw new AppError("invalid_transition", INVITATION_STATUS_MESSAGES.used);

  let userId = found.existingUserId;
  if (!userId) {
    if (!params.account) throw new AppError("invalid_input", "Enter your name and a password.");
    const [created] = await tx
      .insert(users)
      .values({
        email: invitation.email,
        name: params.account.name,
        passwordHash: await hashPassword(params.account.password),
      })
      .returning({ id: users.id });
    if (!created) throw new Error("Could not create the account");
    userId = created.id;
  }
  const [previous] = await tx
    .select({ role: memberships.role, deactivatedAt: memberships.deactivatedAt })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.clinicId, invitation.clinicId)));
  await tx
    .insert(memberships)
    .values({ userId, clinicId: invitation.clinicId, role: invitation.role })
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.clinicId],
      set: { role: invitation.role, deactivatedAt: null },
    });
  await tx
    .update(invitations)
    .set({ acceptedAt: now, acceptedByUserId: userId })
    .where(eq(invitations.id, invitation.id));
  await recordAudit(tx, {
    clinicId: invitation.clinicId,
    actor: { kind: "user", userId, ip: params.ip },
    action: "membership.join",
    entityType: "membership",
    entityId: userId,
    before: previous ? { role: previous.role, deactivated: previous.deactivatedAt !== null } : null,
    after: {
      role: invitation.role,
      deactivated: false,
      invitationId: invitation.id,
      newAccount: !found.existingUserId,
    },
  });
  return { userId, clinicName: found.clinicName, joinedExisting: found.existingUserId !== null };
}
