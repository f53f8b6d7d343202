import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { users } from "@/db/schema";
import { recordUnknownEmailSignInFailure } from "@/lib/audit/record-audit";
import { findUserByEmail, listActiveClinicIds } from "./find-user";
import { decoyPasswordHash, verifyPassword } from "./password";
import { recordAuthEvents } from "./record-auth-event";
import { clearSignInFailures, recordSignInFailure, secondsUntilAllowed, throttleKeys } from "./sign-in-throttle";
import { recordExpiredSessions, startStaffSession } from "./staff-sessions";

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(200),
});

export type SignInOutcome =
  | { kind: "signed_in"; user: { id: string; email: string; name: string; sessionId: string } }
  | { kind: "refused" }
  | { kind: "throttled" };

/**
 * The password step of sign-in (Auth.js's Credentials provider calls it): throttled per
 * account, address and globally; every outcome is in the audit log, an unknown email too.
 */
export async function signInWithPassword(db: Executor, raw: unknown, ip: string | null): Promise<SignInOutcome> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { kind: "refused" };
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, ip);
  if ((await secondsUntilAllowed(db, keys)) > 0) return { kind: "throttled" };

  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  const clinicIds = user && valid ? await listActiveClinicIds(db, user.id) : [];
  // A deactivated member gets the same answer as a wrong password: nothing is revealed.
  if (!user || !valid || clinicIds.length === 0) {
    await recordSignInFailure(db, keys);
    if (user) await recordAuthEvents(db, { userId: user.id, ip, action: "auth.sign_in_failed" });
    else await recordUnknownEmailSignInFailure(db, { email, ip });
    return { kind: "refused" };
  }
  await clearSignInFailures(db, keys.slice(0, 1));
  // Sessions of this person that ran out unseen (the browser never came back) are recorded now.
  await recordExpiredSessions(db, { userId: user.id });
  const sessionId = await startStaffSession(db, {
    userId: user.id,
    clinicId: clinicIds.length === 1 ? (clinicIds[0] ?? null) : null,
    needsSecondFactor: user.totpEnabledAt !== null,
    ip,
  });
  await recordAuthEvents(db, { userId: user.id, ip, action: "auth.sign_in" });
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return { kind: "signed_in", user: { id: user.id, email: user.email, name: user.name, sessionId } };
}
