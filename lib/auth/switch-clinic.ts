import { and, eq, exists, isNull } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, memberships, staffSessions } from "@/db/schema";

/** The clinics a user may work in (active memberships), by name. */
export async function listUserClinics(db: Executor, userId: string) {
  return db
    .select({ id: clinics.id, name: clinics.name, role: memberships.role })
    .from(memberships)
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
    .orderBy(clinics.name);
}

/**
 * Moves a session to another clinic of the same user. The clinic must be one where the user
 * is an active member, checked in the same statement; false when it is not.
 */
export async function switchSessionClinic(
  db: Executor,
  params: { sessionId: string; userId: string; clinicId: string },
): Promise<boolean> {
  const member = db
    .select({ one: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, params.userId),
        eq(memberships.clinicId, params.clinicId),
        isNull(memberships.deactivatedAt),
      ),
    );
  const rows = await db
    .update(staffSessions)
    .set({ clinicId: params.clinicId })
    .where(
      and(
        eq(staffSessions.id, params.sessionId),
        eq(staffSessions.userId, params.userId),
        isNull(staffSessions.revokedAt),
        exists(member),
      ),
    )
    .returning({ id: staffSessions.id });
  return rows.length === 1;
}
