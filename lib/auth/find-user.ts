import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { memberships, users } from "@/db/schema";

/** The user with this email and the clinic they sign in to (their earliest membership). */
export async function findUserForSignIn(db: Executor, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      clinicId: memberships.clinicId,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}
