import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, type Invitation, invitations, users } from "@/db/schema";
import { hashOneTimeToken, oneTimeTokenSchema, tokenMatches } from "@/lib/auth/one-time-token";

export type InvitationLookup =
  | { status: "unknown" | "used" | "expired" | "revoked" }
  | { status: "valid"; invitation: Invitation; clinicName: string; existingUserId: string | null };

/** What an /invite/[token] link is: usable, or why not. */
export async function lookupInvitation(db: Executor, token: string, now = new Date()): Promise<InvitationLookup> {
  if (!oneTimeTokenSchema.safeParse(token).success) return { status: "unknown" };
  const [row] = await db
    .select({ invitation: invitations, clinicName: clinics.name })
    .from(invitations)
    .innerJoin(clinics, eq(clinics.id, invitations.clinicId))
    .where(eq(invitations.tokenHash, hashOneTimeToken(token)));
  if (!row || !tokenMatches(token, row.invitation.tokenHash)) return { status: "unknown" };
  if (row.invitation.acceptedAt) return { status: "used" };
  if (row.invitation.revokedAt) return { status: "revoked" };
  if (row.invitation.expiresAt.getTime() <= now.getTime()) return { status: "expired" };
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, row.invitation.email.toLowerCase()));
  return { status: "valid", invitation: row.invitation, clinicName: row.clinicName, existingUserId: user?.id ?? null };
}

export const INVITATION_STATUS_MESSAGES = {
  unknown: "This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation.",
  used: "This invitation has already been used. Sign in with your account, or ask a clinic admin for a new invitation.",
  expired: "This invitation has expired. Ask a clinic admin to send a new one.",
  revoked: "This invitation was withdrawn. Ask a clinic admin if you still need access.",
} as const;
