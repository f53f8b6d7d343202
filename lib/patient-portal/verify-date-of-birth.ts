import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/connect";
import { patientLinks, patients, signInThrottle } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { resolvePatientLink, type UsableLink } from "@/lib/patient-links/resolve-patient-link";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";

/** Wrong dates of birth allowed per link, and per client address, before a lock. */
export const MAX_DOB_ATTEMPTS = 5;
export const DOB_LOCK_MINUTES = 15;

/**
 * The per-address counter reuses the sign-in throttle table under its own key prefix,
 * so one address guessing across many links is stopped as well (no extra table).
 */
export function dobIpKey(ip: string): string {
  return `dob-ip:${ip}`;
}

export type DateOfBirthCheck =
  | { outcome: "verified"; linkId: string }
  | { outcome: "wrong"; attemptsLeft: number }
  | { outcome: "locked"; lockedUntil: Date }
  | { outcome: "unavailable" };

/**
 * Compares the entered date of birth (YYYY-MM-DD) with the patient's. Every success,
 * failure, lockout and attempt while locked writes a timeline event on the set and an
 * audit row, in the same transaction as the counters.
 */
export async function verifyDateOfBirth(
  db: Db,
  input: { token: string; dateOfBirth: string; ip: string | null; now?: Date },
): Promise<DateOfBirthCheck> {
  const now = input.now ?? new Date();
  const resolved = await resolvePatientLink(db, input.token, now);
  if (resolved.state !== "ok") return { outcome: "unavailable" };
  const actor: Actor = { kind: "patient", ip: input.ip };

  return db.transaction(async (tx) => {
    const [link] = await tx
      .select({ failedAttempts: patientLinks.failedAttempts, lockedUntil: patientLinks.lockedUntil })
      .from(patientLinks)
      .where(eq(patientLinks.id, resolved.link.id))
      .for("update");
    if (!link) return { outcome: "unavailable" as const };
    const log = (summary: string, action: string, details: Record<string, unknown> = {}) =>
      record(tx, resolved.link, actor, summary, action, details, now);

    const ipBlockedUntil = input.ip ? await ipLockedUntil(tx, input.ip, now) : null;
    const tokenLocked = link.lockedUntil && link.lockedUntil > now ? link.lockedUntil : null;
    const lockedUntil = latest(tokenLocked, ipBlockedUntil);
    if (lockedUntil) {
      await log("Date of birth entered while locked; not checked", "patient_link.identity_check_blocked", {
        lockedUntil: lockedUntil.toISOString(),
        lockedBy: tokenLocked ? "link" : "address",
      });
      return { outcome: "locked" as const, lockedUntil };
    }

    const [patient] = await tx
      .select({ dateOfBirth: patients.dateOfBirth })
      .from(patients)
      .where(and(eq(patients.id, resolved.link.patientId), eq(patients.clinicId, resolved.link.clinicId)));
    if (patient && patient.dateOfBirth === input.dateOfBirth) {
      await tx
        .update(patientLinks)
        .set({ failedAttempts: 0, lockedUntil: null, lastOpenedAt: now })
        .where(eq(patientLinks.id, resolved.link.id));
      await log("Identity confirmed: date of birth matched", "patient_link.identity_confirmed");
      return { outcome: "verified" as const, linkId: resolved.link.id };
    }

    // A lock that has run out starts a fresh count.
    const attempts = link.lockedUntil && link.lockedUntil <= now ? 1 : link.failedAttempts + 1;
    const newTokenLock = attempts >= MAX_DOB_ATTEMPTS ? new Date(now.getTime() + DOB_LOCK_MINUTES * 60_000) : null;
    await tx
      .update(patientLinks)
      .set({ failedAttempts: attempts, lockedUntil: newTokenLock })
      .where(eq(patientLinks.id, resolved.link.id));
    await log(
      `Date of birth did not match (attempt ${attempts} of ${MAX_DOB_ATTEMPTS})`,
      "patient_link.identity_failed",
      {
        attempt: attempts,
      },
    );
    if (newTokenLock) {
      await log(
        `Link locked for ${DOB_LOCK_MINUTES} minutes after ${MAX_DOB_ATTEMPTS} wrong dates of birth`,
        "patient_link.locked",
        {
          lockedUntil: newTokenLock.toISOString(),
          lockedBy: "link",
        },
      );
    }

    const ipFailure = input.ip ? await recordIpFailure(tx, input.ip, now) : null;
    if (ipFailure?.newlyLocked && ipFailure.blockedUntil) {
      await log(
        `Date of birth entry locked for ${DOB_LOCK_MINUTES} minutes for this address after ${MAX_DOB_ATTEMPTS} wrong answers`,
        "patient_link.ip_locked",
        {
          lockedUntil: ipFailure.blockedUntil.toISOString(),
          lockedBy: "address",
        },
      );
    }
    const lock = latest(newTokenLock, ipFailure?.blockedUntil ?? null);
    if (lock) return { outcome: "locked" as const, lockedUntil: lock };
    const ipLeft = ipFailure ? MAX_DOB_ATTEMPTS - ipFailure.failures : MAX_DOB_ATTEMPTS;
    return { outcome: "wrong" as const, attemptsLeft: Math.max(0, Math.min(MAX_DOB_ATTEMPTS - attempts, ipLeft)) };
  });
}

async function record(
  tx: Tx,
  link: UsableLink,
  actor: Actor,
  summary: string,
  action: string,
  details: Record<string, unknown>,
  now: Date,
) {
  await recordTimelineEvent(tx, {
    clinicId: link.clinicId,
    invoiceSetId: link.invoiceSetId,
    kind: "identity_check",
    actor,
    summary,
    details: { patientLinkId: link.id, ...details },
    occurredAt: now,
  });
  await recordAudit(tx, {
    clinicId: link.clinicId,
    actor,
    action,
    entityType: "patient_link",
    entityId: link.id,
    after: { invoiceSetId: link.invoiceSetId, ...details },
  });
}

async function ipLockedUntil(tx: Tx, ip: string, now: Date): Promise<Date | null> {
  const [row] = await tx
    .select({ blockedUntil: signInThrottle.blockedUntil })
    .from(signInThrottle)
    .where(and(eq(signInThrottle.key, dobIpKey(ip)), gt(signInThrottle.blockedUntil, now)));
  return row?.blockedUntil ?? null;
}

/** One upsert: failures older than the lock window, or from before an expired lock, are forgotten. */
async function recordIpFailure(tx: Tx, ip: string, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - DOB_LOCK_MINUTES * 60_000).toISOString()}::timestamptz`;
  const failures = sql`case when ${signInThrottle.lastFailureAt} < ${windowStart} or ${signInThrottle.blockedUntil} <= ${at} then 1 else ${signInThrottle.failures} + 1 end`;
  const lockUntil = new Date(now.getTime() + DOB_LOCK_MINUTES * 60_000);
  const [row] = await tx
    .insert(signInThrottle)
    .values({
      key: dobIpKey(ip),
      failures: 1,
      lastFailureAt: now,
      blockedUntil: MAX_DOB_ATTEMPTS <= 1 ? lockUntil : null,
    })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures,
        lastFailureAt: at,
        blockedUntil: sql`case when ${failures} >= ${MAX_DOB_ATTEMPTS} then ${lockUntil.toISOString()}::timestamptz else null end`,
      },
    })
    .returning({ failures: signInThrottle.failures, blockedUntil: signInThrottle.blockedUntil });
  const count = row?.failures ?? 1;
  return { failures: count, blockedUntil: row?.blockedUntil ?? null, newlyLocked: count === MAX_DOB_ATTEMPTS };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
