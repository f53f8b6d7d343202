import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, memberships, type Role, staffSessions, users } from "@/db/schema";
import { recordExpiredSessions, sessionExpiry, touchStaffSession } from "./staff-sessions";

export interface ResolvedStaff {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  clinicId: string;
  clinicName: string;
  clinicTimeZone: string;
  /** The clinic's "Allow any hour" switch, whose warning the pages staff watch show while it is on. */
  clinicAllowsAnyHour: boolean;
  /** Whether the user may switch to another clinic (the user menu offers it). */
  memberOfSeveralClinics: boolean;
}

/** Where a session stands on this request; only "staff" may reach clinic pages. */
export type SessionState =
  | { kind: "none" }
  | { kind: "second_factor"; sessionId: string; userId: string }
  | { kind: "choose_clinic"; sessionId: string; userId: string }
  | { kind: "enrol_two_factor"; sessionId: string; userId: string; clinicName: string }
  | { kind: "staff"; staff: ResolvedStaff };

/**
 * The one check behind every staff request: the session row is live (not revoked, inside its
 * 12 hours, used in the last 30 minutes; an expiry seen here is recorded), its second step is done, and its clinic is one where the user is an active member;
 * the role is read fresh, so a change applies on the next request.
 */
export async function resolveSession(db: Executor, sessionId: string, now = new Date()): Promise<SessionState> {
  const [row] = await db
    .select({
      userId: staffSessions.userId,
      clinicId: staffSessions.clinicId,
      expiresAt: staffSessions.expiresAt,
      lastSeenAt: staffSessions.lastSeenAt,
      needsSecondFactor: staffSessions.needsSecondFactor,
      secondFactorAt: staffSessions.secondFactorAt,
      email: users.email,
      name: users.name,
      totpEnabledAt: users.totpEnabledAt,
      role: memberships.role,
      clinicName: clinics.name,
      clinicTimeZone: clinics.timeZone,
      clinicAllowsAnyHour: clinics.allowAnyHour,
      requireTwoFactor: clinics.requireTwoFactor,
      // What every staff page shows is read here too, rather than in statements of its own.
      memberOfSeveralClinics: sql<boolean>`(select count(*) > 1 from ${memberships} active
        where active.user_id = ${staffSessions.userId} and active.deactivated_at is null)`,
    })
    .from(staffSessions)
    .innerJoin(users, eq(users.id, staffSessions.userId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, staffSessions.userId),
        eq(memberships.clinicId, staffSessions.clinicId),
        isNull(memberships.deactivatedAt),
      ),
    )
    .leftJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)))
    .limit(1);
  if (!row) return { kind: "none" };
  if (sessionExpiry(row, now)) {
    await recordExpiredSessions(db, { sessionId }, now);
    return { kind: "none" };
  }
  await touchStaffSession(db, { id: sessionId, lastSeenAt: row.lastSeenAt }, now);
  const base = { sessionId, userId: row.userId };
  if (row.needsSecondFactor && !row.secondFactorAt) return { kind: "second_factor", ...base };
  if (!row.clinicId || !row.role || !row.clinicName || !row.clinicTimeZone) return { kind: "choose_clinic", ...base };
  if (row.requireTwoFactor && !row.totpEnabledAt) {
    return { kind: "enrol_two_factor", ...base, clinicName: row.clinicName };
  }
  return {
    kind: "staff",
    staff: {
      ...base,
      email: row.email,
      name: row.name,
      role: row.role,
      clinicId: row.clinicId,
      clinicName: row.clinicName,
      clinicTimeZone: row.clinicTimeZone,
      clinicAllowsAnyHour: row.clinicAllowsAnyHour ?? false,
      memberOfSeveralClinics: row.memberOfSeveralClinics,
    },
  };
}
