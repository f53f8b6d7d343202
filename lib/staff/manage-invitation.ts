import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invitations } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { generateOneTimeToken } from "@/lib/auth/one-time-token";
import { AppError } from "@/lib/errors";
import { INVITATION_DAYS } from "./invitation-links";
import { assertInvitationEmailAllowed } from "./invitation-rate-limit";

const DAY = 86_400_000;

async function lockPending(tx: Executor, clinicId: string, invitationId: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.clinicId, clinicId)))
    .for("update");
  if (!row) throw new AppError("not_found", "That invitation was not found.");
  if (row.acceptedAt) throw new AppError("invalid_transition", `${row.email} already accepted this invitation.`);
  if (row.revokedAt) throw new AppError("invalid_transition", "This invitation was revoked. Send a new one.");
  return row;
}

/** A fresh link (the old one stops working) valid for another 7 days. */
export async function resendInvitation(
  tx: Executor,
  params: { clinicId: string; actor: Actor; invitationId: string; now?: Date },
): Promise<{ token: string; email: string; role: string }> {
  const now = params.now ?? new Date();
  const row = await lockPending(tx, params.clinicId, params.invitationId);
  await assertInvitationEmailAllowed(tx, { clinicId: params.clinicId, email: row.email, now });
  const { token, tokenHash } = generateOneTimeToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY);
  await tx.update(invitations).set({ tokenHash, expiresAt }).where(eq(invitations.id, row.id));
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "invitation.resend",
    entityType: "invitation",
    entityId: row.id,
    before: { expiresAt: row.expiresAt.toISOString() },
    after: { expiresAt: expiresAt.toISOString() },
  });
  return { token, email: row.email, role: row.role };
}

/** The link stops working at once. */
export async function revokeInvitation(
  tx: Executor,
  params: { clinicId: string; actor: Actor; invitationId: string; now?: Date },
): Promise<{ email: string }> {
  const now = params.now ?? new Date();
  const row = await lockPending(tx, params.clinicId, params.invitationId);
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.id, row.id), isNull(invitations.revokedAt)));
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "invitation.revoke",
    entityType: "invitation",
    entityId: row.id,
    before: { status: "pending" },
    after: { status: "revoked" },
  });
  return { email: row.email };
}
