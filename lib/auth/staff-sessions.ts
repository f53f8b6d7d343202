import { and, eq, isNull, ne, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { staffSessions } from "@/db/schema";

/** A session ends this long after sign-in, however active it is (the 30-minute idle timeout is on the cookie). */
export const ABSOLUTE_SESSION_MS = 12 * 60 * 60 * 1000;

/** Opens the server-side row of a new sign-in; the cookie will carry only its id. */
export async function startStaffSession(
  db: Executor,
  params: { userId: string; clinicId: string | null; needsSecondFactor: boolean; ip: string | null; now?: Date },
): Promise<string> {
  const now = params.now ?? new Date();
  const [row] = await db
    .insert(staffSessions)
    .values({
      userId: params.userId,
      clinicId: params.clinicId,
      needsSecondFactor: params.needsSecondFactor,
      ip: params.ip,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_SESSION_MS),
    })
    .returning({ id: staffSessions.id });
  if (!row) throw new Error("Could not open a session");
  return row.id;
}

/**
 * Ends a user's sessions at once (the guard refuses them on the next request): all of them,
 * only those working in one clinic, or all but the one making the change.
 */
export async function revokeStaffSessions(
  db: Executor,
  params: { userId: string; clinicId?: string; exceptSessionId?: string },
): Promise<number> {
  const conditions: SQL[] = [eq(staffSessions.userId, params.userId), isNull(staffSessions.revokedAt)];
  if (params.clinicId) conditions.push(eq(staffSessions.clinicId, params.clinicId));
  if (params.exceptSessionId) conditions.push(ne(staffSessions.id, params.exceptSessionId));
  const rows = await db
    .update(staffSessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions))
    .returning({ id: staffSessions.id });
  return rows.length;
}

/** Signing out ends this browser's session row too, so a copied cookie is worthless. */
export async function endStaffSession(db: Executor, sessionId: string): Promise<void> {
  await db
    .update(staffSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)));
}
