import { and, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { signInThrottle } from "@/db/schema";

/**
 * How failures slow sign-in, per key kind. An account is only slowed (its wait is capped
 * at a minute), so strangers cannot lock its owner out; an address that guesses is
 * stopped for longer; the global key is a circuit breaker for guessing spread over many
 * addresses and accounts.
 */
const POLICIES = {
  email: { freeFailures: 5, firstWaitSeconds: 2, maxWaitSeconds: 60 },
  ip: { freeFailures: 5, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60 },
  global: { freeFailures: 200, firstWaitSeconds: 5, maxWaitSeconds: 60 },
} as const;
type KeyKind = keyof typeof POLICIES;

export const FREE_FAILURES = POLICIES.email.freeFailures;
export const GLOBAL_FREE_FAILURES = POLICIES.global.freeFailures;
export const GLOBAL_KEY = "global";
/** Failures older than this are forgotten. */
const WINDOW_SECONDS = 15 * 60;

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  keys.push(GLOBAL_KEY);
  return keys;
}

function kindOf(key: string): KeyKind {
  if (key === GLOBAL_KEY) return "global";
  return key.startsWith("ip:") ? "ip" : "email";
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

/** One upsert per key kind: the counter restarts when the last failure is old, and the wait doubles. */
export async function recordSignInFailure(db: Executor, keys: string[]): Promise<void> {
  for (const kind of Object.keys(POLICIES) as KeyKind[]) {
    const kindKeys = keys.filter((key) => kindOf(key) === kind);
    if (kindKeys.length === 0) continue;
    const policy = POLICIES[kind];
    const failures = sql`case when ${signInThrottle.lastFailureAt} < now() - make_interval(secs => ${WINDOW_SECONDS}) then 1 else ${signInThrottle.failures} + 1 end`;
    await db
      .insert(signInThrottle)
      .values(kindKeys.map((key) => ({ key, failures: 1 })))
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures,
          lastFailureAt: sql`now()`,
          blockedUntil: sql`case when ${failures} > ${policy.freeFailures} - 1
          then now() + make_interval(secs => least(${policy.maxWaitSeconds}, ${policy.firstWaitSeconds} * power(2, least(30, greatest(0, ${failures} - ${policy.freeFailures})))))
          else null end`,
        },
      });
  }
}

export async function clearSignInFailures(db: Executor, keys: string[]): Promise<void> {
  await db.delete(signInThrottle).where(inArray(signInThrottle.key, keys));
}
