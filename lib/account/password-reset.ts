import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { passwordResets, users } from "@/db/schema";
import { recordAuditForUser } from "@/lib/account/audit-for-user";
import { generateOneTimeToken, hashOneTimeToken, oneTimeTokenSchema, tokenMatches } from "@/lib/auth/one-time-token";
import { hashPassword } from "@/lib/auth/password";
import { passwordFields, refinePassword } from "@/lib/auth/password-rules";
import { revokeStaffSessions } from "@/lib/auth/staff-sessions";
import { AppError } from "@/lib/errors";
import { RESET_LINK_DEAD, RESET_MINUTES } from "./reset-messages";

/** A new single-use reset token for this user; earlier unused links stop working. */
export async function createPasswordReset(
  tx: Executor,
  params: { userId: string; now?: Date },
): Promise<{ token: string }> {
  const now = params.now ?? new Date();
  await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, params.userId), isNull(passwordResets.usedAt)));
  const { token, tokenHash } = generateOneTimeToken();
  await tx.insert(passwordResets).values({
    userId: params.userId,
    tokenHash,
    createdAt: now,
    expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
  });
  return { token };
}

/** The user a reset link belongs to, if it is still usable. */
export async function findUsableReset(db: Executor, token: string, now = new Date()) {
  if (!oneTimeTokenSchema.safeParse(token).success) return null;
  const [row] = await db
    .select({
      id: passwordResets.id,
      tokenHash: passwordResets.tokenHash,
      usedAt: passwordResets.usedAt,
      expiresAt: passwordResets.expiresAt,
      userId: users.id,
      name: users.name,
      email: users.email,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashOneTimeToken(token)));
  if (!row || !tokenMatches(token, row.tokenHash) || row.usedAt || row.expiresAt.getTime() <= now.getTime())
    return null;
  return row;
}

export function newPasswordSchema(context: { name: string; email: string }) {
  return z.object(passwordFields).superRefine((value, ctx) => refinePassword(value, ctx, context));
}

/**
 * Sets the new password, uses up the link and ends every session of the user: whoever
 * had the old password is signed out on their next request.
 */
export async function resetPassword(
  tx: Executor,
  params: { token: string; password: string; ip: string | null; now?: Date },
): Promise<{ userId: string; sessionsEnded: number }> {
  const now = params.now ?? new Date();
  const reset = await findUsableReset(tx, params.token, now);
  if (!reset) throw new AppError("invalid_transition", RESET_LINK_DEAD);
  const [claimed] = await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
    .returning({ id: passwordResets.id });
  if (!claimed) throw new AppError("invalid_transition", RESET_LINK_DEAD);
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(params.password) })
    .where(eq(users.id, reset.userId));
  const sessionsEnded = await revokeStaffSessions(tx, { userId: reset.userId });
  await recordAuditForUser(tx, {
    userId: reset.userId,
    actor: { kind: "user", userId: reset.userId, ip: params.ip },
    action: "user.reset_password",
    before: null,
    after: { passwordChanged: true, sessionsEnded },
  });
  return { userId: reset.userId, sessionsEnded };
}
