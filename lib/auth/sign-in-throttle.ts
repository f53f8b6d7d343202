import { and, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { signInThrottle } from "@/db/schema";

/** Failures allowed before each further try must wait; the wait doubles, up to 15 minutes. */
export const FREE_FAILURES = 5;
const FIRST_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
const WINDOW_SECONDS = 15 * 60;

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

/** Seconds until sign-in may be tried again for any of these keys; 0 when not blocked. */
export async function secondsUntilAllowed(db: Executor, keys: string[], now = new Date()): Promise<number> {
  const rows = await db
    .select({ blockedUntil: signInThrottle.blockedUntil })
    .from(signInThrottle)
    .where(and(inArray(signInThrottle.key, keys), gt(signInThrottle.blockedUntil, now)));
  const latest = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
  return latest === 0 ? 0 : Math.ceil((latest - now.getTime()) / 1000);
}

export async function recordSignInFailure(db: Executor, keys: string[]): Promise<void> {
  // One statement per attempt: the counter restarts when the last failure is old.
  const failures = sql`case when ${signInThrottle.lastFailureAt} < now() - make_interval(secs => ${WINDOW_SECONDS}) then 1 else ${signInThrottle.failures} + 1 end`;
  await db
    .insert(signInThrottle)
    .values(keys.map((key) => ({ key, failures: 1 })))
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures,
        lastFailureAt: sql`now()`,
        blockedUntil: sql`case when ${failures} > ${FREE_FAILURES} - 1
          then now() + make_interval(secs => least(${MAX_WAIT_SECONDS}, ${FIRST_WAIT_SECONDS} * power(2, greatest(0, ${failures} - ${FREE_FAILURES}))))
          else null end`,
      },
    });
}

export async function clearSignInFailures(db: Executor, keys: string[]): Promise<void> {
  await db.delete(signInThrottle).where(inArray(signInThrottle.key, keys));
}
