import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invitations, memberships, users } from "@/db/schema";

/** The clinic's members (active first) and its pending invitations, for /settings/staff. */
export async function listStaff(db: Executor, clinicId: string) {
  const [members, pending] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: memberships.role,
        lastSignInAt: users.lastSignInAt,
        deactivatedAt: memberships.deactivatedAt,
        twoFactor: users.totpEnabledAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.clinicId, clinicId))
      .orderBy(asc(sql`${memberships.deactivatedAt} is not null`), asc(users.name)),
    db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .where(and(eq(invitations.clinicId, clinicId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(desc(invitations.createdAt)),
  ]);
  return { members, pending };
}
