import type { Executor } from "@/db/connect";
import { AppError } from "@/lib/errors";
import { recordSignInFailure, secondsUntilAllowed } from "./sign-in-throttle";

/**
 * The sign-in throttle (5 free tries, then a doubling wait) for other public endpoints:
 * invitation links, password resets, the second sign-in step. Keys are namespaced per use.
 */
export async function assertNotThrottled(db: Executor, keys: string[]): Promise<void> {
  const wait = await secondsUntilAllowed(db, keys);
  if (wait > 0) {
    throw new AppError(
      "rate_limited",
      `Too many attempts. Wait ${wait < 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}, then try again.`,
    );
  }
}

export async function countAttempt(db: Executor, keys: string[]): Promise<void> {
  await recordSignInFailure(db, keys);
}

export function scopedKeys(scope: string, parts: { email?: string | null; userId?: string; ip: string | null }) {
  const keys: string[] = [];
  if (parts.email) keys.push(`${scope}:email:${parts.email.trim().toLowerCase()}`);
  if (parts.userId) keys.push(`${scope}:user:${parts.userId}`);
  if (parts.ip) keys.push(`${scope}:ip:${parts.ip}`);
  return keys;
}
