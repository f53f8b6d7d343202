import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { memberships, users } from "@/db/schema";

/** The user with this email (case-insensitive), or null. */
export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** The clinics where this user is an active member, oldest membership first. */
export async function listActiveClinicIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ clinicId: memberships.clinicId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
    .orderBy(asc(memberships.createdAt));
  return rows.map((row) => row.clinicId);
}
