/**
 * How wrong dates of birth are answered, counted per invoice set (all its live links
 * together) and per client address. The 5th wrong answer locks for 15 minutes; each lock
 * then allows two more tries before a longer one (1 hour, then 24 hours); the 10th wrong
 * answer revokes the set's links for good. So a link allows at most 10 guesses in its life.
 */
export const FIRST_LOCK_AFTER = 5;
export const TRIES_BETWEEN_LOCKS = 2;
export const LOCK_MINUTES = [15, 60, 24 * 60] as const;
export const REVOKE_AFTER = 10;

/** The lock (in minutes) this many wrong answers in total earn, or null when none. */
export function lockMinutesAfter(totalWrong: number): number | null {
  if (totalWrong < FIRST_LOCK_AFTER) return null;
  const beyond = totalWrong - FIRST_LOCK_AFTER;
  if (beyond % TRIES_BETWEEN_LOCKS !== 0) return null;
  const step = Math.min(beyond / TRIES_BETWEEN_LOCKS, LOCK_MINUTES.length - 1);
  return LOCK_MINUTES[step] ?? null;
}

/** Wrong answers still allowed before the next lock or the revoke. */
export function triesBeforeNextLock(totalWrong: number): number {
  if (totalWrong < FIRST_LOCK_AFTER) return FIRST_LOCK_AFTER - totalWrong;
  const sinceLock = (totalWrong - FIRST_LOCK_AFTER) % TRIES_BETWEEN_LOCKS;
  return Math.min(TRIES_BETWEEN_LOCKS - sinceLock, REVOKE_AFTER - totalWrong);
}

export function describeLock(minutes: number): string {
  return minutes >= 60 ? `${minutes / 60} hour${minutes === 60 ? "" : "s"}` : `${minutes} minutes`;
}
