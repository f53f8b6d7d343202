import { and, eq, isNull, lte, ne, or, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { staffSessions } from "@/db/schema";
import { recordAuthEvents } from "./record-auth-event";

/** A session ends this long after sign-in, however active it is. */
export const ABSOLUTE_SESSION_MS = 12 * 60 * 60 * 1000;
/** A session ends after this long without a request. */
export const IDLE_SESSION_MS = 30 * 60 * 1000;
/** Requests within this long of the last one seen don't write it again. */
const LAST_SEEN_PRECISION_MS = 60 * 1000;

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
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_SESSION_MS),
    })
    .returning({ id: staffSessions.id });
  if (!row) throw new Error("Could not open a session");
  return row.id;
}

/** Why a session is over at `now`, or null while it is live. */
export function sessionExpiry(session: { expiresAt: Date; lastSeenAt: Date }, now: Date): "absolute" | "idle" | null {
  if (session.expiresAt.getTime() <= now.getTime()) return "absolute";
  if (session.lastSeenAt.getTime() + IDLE_SESSION_MS <= now.getTime()) return "idle";
  return null;
}

/** Keeps the idle timeout moving while the session is used (one write a minute at most). */
export async function touchStaffSession(db: Executor, session: { id: string; lastSeenAt: Date }, now: Date) {
  if (now.getTime() - session.lastSeenAt.getTime() < LAST_SEEN_PRECISION_MS) return;
  await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, session.id));
}

/**
 * Ends sessions that ran out (12 hours old or 30 minutes idle) and records each expiry once
 * in the audit log: the session seen on a request, or all of a person's when they sign in
 * again. The update claims the rows, so two requests never record the same expiry twice.
 */
export async function recordExpiredSessions(
  db: Executor,
  scope: { sessionId: string } | { userId: string },
  now = new Date(),
): Promise<number> {
  const expired = await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(
      and(
        "sessionId" in scope ? eq(staffSessions.id, scope.sessionId) : eq(staffSessions.userId, scope.userId),
        isNull(staffSessions.revokedAt),
        or(lte(staffSessions.expiresAt, now), lte(staffSessions.lastSeenAt, new Date(now.getTime() - IDLE_SESSION_MS))),
      ),
    )
    .returning();
  for (const session of expired) {
    await recordAuthEvents(db, {
      userId: session.userId,
      clinicId: session.clinicId ?? undefined,
      ip: session.ip,
      action: "auth.session_expired",
      after: {
        sessionId: session.id,
        reason: sessionExpiry(session, now) ?? "idle",
        lastSeenAt: session.lastSeenAt.toISOString(),
      },
    });
  }
  return expired.length;
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

/** Signing out ends this browser's session row too, so a copied cookie is worthless. False when it had ended already. */
export async function endStaffSession(db: Executor, sessionId: string): Promise<boolean> {
  const ended = await db
    .update(staffSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)))
    .returning({ id: staffSessions.id });
  return ended.length > 0;
}
