import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, memberships, recoveryCodes, staffSessions, users } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { recordAuditForUser } from "./audit-for-user";
import { hashRecoveryCode, matchTotpStep, newRecoveryCodes, newTotpSecret, totpUri } from "./totp";
import { isSealedTotpSecret, openTotpSecret, sealTotpSecret } from "./totp-secret-box";

/** Step 1 of turning two-factor on: a fresh secret, stored but not yet in force. */
export async function startTotpEnrolment(db: Executor, userId: string): Promise<{ secret: string; uri: string }> {
  const [user] = await db
    .select({ email: users.email, enabled: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError("not_found", "Your account was not found.");
  if (user.enabled) throw new AppError("invalid_transition", "Two-factor is already on.");
  const secret = newTotpSecret();
  await db
    .update(users)
    .set({ totpSecret: sealTotpSecret(secret) })
    .where(eq(users.id, userId));
  return { secret, uri: totpUri(secret, user.email) };
}

/** Step 2: a right code from the app turns it on; returns the recovery codes to show once. */
export async function confirmTotpEnrolment(
  tx: Executor,
  params: { userId: string; code: string; actor: Actor; sessionId?: string; now?: Date },
): Promise<{ recoveryCodes: string[] }> {
  const now = params.now ?? new Date();
  const [user] = await tx
    .select({ secret: users.totpSecret, enabled: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, params.userId))
    .for("update");
  if (!user?.secret) throw new AppError("invalid_transition", "Start again: choose “Turn on two-factor”.");
  if (user.enabled) throw new AppError("invalid_transition", "Two-factor is already on.");
  const secret = openTotpSecret(user.secret);
  if (!secret) throw new AppError("invalid_transition", "Start again: choose “Turn on two-factor”.");
  const step = matchTotpStep(secret, params.code, now.getTime());
  if (step === null) {
    throw new AppError("invalid_input", "That code isn't right. Enter the 6-digit code your app shows now.", {
      code: ["That code isn't right. Enter the 6-digit code your app shows now."],
    });
  }
  await tx.update(users).set({ totpEnabledAt: now, totpLastStep: step }).where(eq(users.id, params.userId));
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, params.userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId: params.userId, codeHash: hashRecoveryCode(code) })));
  // The session that enrolled has just proven the second factor.
  if (params.sessionId) {
    await tx.update(staffSessions).set({ secondFactorAt: now }).where(eq(staffSessions.id, params.sessionId));
  }
  await recordAuditForUser(tx, {
    userId: params.userId,
    actor: params.actor,
    action: "user.enable_two_factor",
    before: { twoFactor: false },
    after: { twoFactor: true, recoveryCodes: codes.length },
  });
  return { recoveryCodes: codes };
}

/** Turning it off needs the password, and is refused while a clinic of the user requires it. */
export async function disableTotp(
  tx: Executor,
  params: { userId: string; password: string; actor: Actor },
): Promise<void> {
  const [user] = await tx.select().from(users).where(eq(users.id, params.userId)).for("update");
  if (!user?.totpEnabledAt) throw new AppError("invalid_transition", "Two-factor is already off.");
  if (!(await verifyPassword(user.passwordHash, params.password))) {
    throw new AppError("invalid_input", "That password isn't right.", { password: ["That password isn't right."] });
  }
  const [requiring] = await tx
    .select({ name: clinics.name })
    .from(memberships)
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(
      and(eq(memberships.userId, params.userId), isNull(memberships.deactivatedAt), eq(clinics.requireTwoFactor, true)),
    )
    .limit(1);
  if (requiring) {
    throw new AppError("conflict", `${requiring.name} requires two-factor for all staff, so it stays on.`);
  }
  await tx
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, params.userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, params.userId));
  await recordAuditForUser(tx, {
    userId: params.userId,
    actor: params.actor,
    action: "user.disable_two_factor",
    before: { twoFactor: true },
    after: { twoFactor: false },
  });
}

/**
 * The second sign-in step: a TOTP code or an unused recovery code releases the held session.
 * Returns false for a wrong code (the caller counts it against the throttle).
 */
export async function verifySecondFactor(
  tx: Executor,
  params: { sessionId: string; userId: string; code: string; now?: Date },
): Promise<boolean> {
  const now = params.now ?? new Date();
  const [user] = await tx
    .select({ secret: users.totpSecret, enabled: users.totpEnabledAt, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, params.userId))
    .for("update");
  if (!user?.secret || !user.enabled) return false;
  const secret = openTotpSecret(user.secret);
  const step = secret === null ? null : matchTotpStep(secret, params.code, now.getTime());
  // A code seen once (or an older one) is refused: someone who watched it typed can't reuse it.
  let ok = step !== null && (user.lastStep === null || step > user.lastStep);
  if (ok) {
    // A secret stored before encryption is sealed now that it has been used.
    const totpSecret = isSealedTotpSecret(user.secret) ? user.secret : sealTotpSecret(user.secret);
    await tx.update(users).set({ totpLastStep: step, totpSecret }).where(eq(users.id, params.userId));
  }
  let usedRecovery = false;
  if (!ok) {
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.userId, params.userId),
          eq(recoveryCodes.codeHash, hashRecoveryCode(params.code)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    ok = used.length === 1;
    usedRecovery = ok;
  }
  if (!ok) return false;
  await tx
    .update(staffSessions)
    .set({ secondFactorAt: now })
    .where(and(eq(staffSessions.id, params.sessionId), eq(staffSessions.userId, params.userId)));
  if (usedRecovery) {
    await recordAuditForUser(tx, {
      userId: params.userId,
      actor: { kind: "user", userId: params.userId },
      action: "user.use_recovery_code",
      before: null,
      after: { recoveryCodeUsed: true },
    });
  }
  return true;
}
