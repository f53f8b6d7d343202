import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordFields, refinePassword } from "@/lib/auth/password-rules";
import { revokeStaffSessions } from "@/lib/auth/staff-sessions";
import { changedFields } from "@/lib/clinics/update-clinic-settings";
import { AppError } from "@/lib/errors";
import { recordAuditForUser } from "./audit-for-user";

export const profileSchema = z.object({
  name: z.string().trim().min(2, "Enter your name.").max(120, "Keep it under 120 characters."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254)),
});

/** Name and sign-in email; the email must not belong to anyone else. */
export async function updateProfile(
  tx: Executor,
  params: { userId: string; actor: Actor; profile: z.output<typeof profileSchema> },
): Promise<{ changed: string[] }> {
  const [current] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, params.userId))
    .for("update");
  if (!current) throw new AppError("not_found", "Your account was not found.");
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, params.profile.email), ne(users.id, params.userId)));
  if (taken) {
    throw new AppError("conflict", "That email is used by another account.", {
      email: ["That email is used by another account."],
    });
  }
  const diff = changedFields(current, params.profile);
  if (diff.changed.length === 0) return { changed: [] };
  await tx.update(users).set(diff.after).where(eq(users.id, params.userId));
  await recordAuditForUser(tx, {
    userId: params.userId,
    actor: params.actor,
    action: "user.update_profile",
    before: diff.before,
    after: diff.after,
  });
  return { changed: diff.changed };
}

export function changePasswordSchema(context: { name: string; email: string }) {
  return z
    .object({ currentPassword: z.string().min(1, "Enter your current password.").max(200), ...passwordFields })
    .superRefine((value, ctx) => refinePassword(value, ctx, context));
}

/** A new password; every other session of the user ends (this one stays signed in). */
export async function changePassword(
  tx: Executor,
  params: { userId: string; sessionId: string; actor: Actor; currentPassword: string; password: string },
): Promise<{ sessionsEnded: number }> {
  const [user] = await tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, params.userId))
    .for("update");
  if (!user || !(await verifyPassword(user.passwordHash, params.currentPassword))) {
    throw new AppError("invalid_input", "Your current password isn't right.", {
      currentPassword: ["Your current password isn't right."],
    });
  }
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(params.password) })
    .where(eq(users.id, params.userId));
  const sessionsEnded = await revokeStaffSessions(tx, { userId: params.userId, exceptSessionId: params.sessionId });
  await recordAuditForUser(tx, {
    userId: params.userId,
    actor: params.actor,
    action: "user.change_password",
    before: null,
    after: { passwordChanged: true, otherSessionsEnded: sessionsEnded },
  });
  return { sessionsEnded };
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function signOutEverywhere(tx: Executor, params: { userId: string; actor: Actor }) {
  const sessionsEnded = await revokeStaffSessions(tx, { userId: params.userId });
  await recordAuditForUser(tx, {
    userId: params.userId,
    actor: params.actor,
    action: "user.sign_out_everywhere",
    before: null,
    after: { sessionsEnded },
  });
  return { sessionsEnded };
}
