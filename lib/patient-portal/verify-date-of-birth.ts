import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/connect";
import { patientLinks, patients, signInThrottle } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { resolvePatientLink, type UsableLink } from "@/lib/patient-links/resolve-patient-link";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { describeLock, lockMinutesAfter, REVOKE_AFTER, triesBeforeNextLock } from "./dob-lock-ladder";

export const LINK_REVOKED_SUMMARY = "Patient link locked after repeated wrong dates of birth";
/** An address's wrong answers are forgotten a day after its last one. */
const IP_WINDOW_MINUTES = 24 * 60;

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
  | { outcome: "revoked"; clinicPhone: string | null }
  | { outcome: "unavailable" };

/**
 * Compares the entered date of birth (YYYY-MM-DD) with the patient's. Wrong answers are
 * counted over all live links of the set and per address and climb the lock ladder
 * (dob-lock-ladder.ts); the last step revokes the set's links for good. Every step writes
 * a timeline event on the set and an audit row, in the same transaction as the counters.
 */
export async function verifyDateOfBirth(
  db: Db,
  input: { token: string; dateOfBirth: string; ip: string | null; now?: Date },
): Promise<DateOfBirthCheck> {
  const now = input.now ?? new Date();
  const resolved = await resolvePatientLink(db, input.token, now);
  if (resolved.state !== "ok") return { outcome: "unavailable" };
  const { link: usable, clinic } = resolved;
  const actor: Actor = { kind: "patient", ip: input.ip };

  return db.transaction(async (tx) => {
    const liveLinks = and(
      eq(patientLinks.clinicId, usable.clinicId),
      eq(patientLinks.invoiceSetId, usable.invoiceSetId),
      isNull(patientLinks.revokedAt),
    );
    const setLinks = await tx
      .select({
        id: patientLinks.id,
        failedAttempts: patientLinks.failedAttempts,
        lockedUntil: patientLinks.lockedUntil,
      })
      .from(patientLinks)
      .where(liveLinks)
      .orderBy(patientLinks.id)
      .for("update");
    if (!setLinks.some((row) => row.id === usable.id)) return { outcome: "unavailable" as const };
    const log = (summary: string, action: string, details: Record<string, unknown> = {}) =>
      record(tx, usable, actor, summary, action, details, now);

    const setLock = latest(
      ...setLinks.map((row) => (row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null)),
    );
    const ipLock = input.ip ? await ipLockedUntil(tx, input.ip, now) : null;
    const lockedUntil = latest(setLock, ipLock);
    if (lockedUntil) {
      await log("Date of birth entered while locked; not checked", "patient_link.identity_check_blocked", {
        lockedUntil: lockedUntil.toISOString(),
        lockedBy: setLock ? "link" : "address",
      });
      return { outcome: "locked" as const, lockedUntil };
    }

    const [patient] = await tx
      .select({ dateOfBirth: patients.dateOfBirth })
      .from(patients)
      .where(and(eq(patients.id, usable.patientId), eq(patients.clinicId, usable.clinicId)));
    if (patient && patient.dateOfBirth === input.dateOfBirth) {
      // The count of wrong answers stays: it bounds the guesses a link allows over its life.
      await tx.update(patientLinks).set({ lastOpenedAt: now }).where(eq(patientLinks.id, usable.id));
      await log("Identity confirmed: date of birth matched", "patient_link.identity_confirmed");
      return { outcome: "verified" as const, linkId: usable.id };
    }

    await tx
      .update(patientLinks)
      .set({ failedAttempts: sql`${patientLinks.failedAttempts} + 1` })
      .where(eq(patientLinks.id, usable.id));
    const setWrong = setLinks.reduce((total, row) => total + row.failedAttempts, 0) + 1;
    await log(`Date of birth did not match (${setWrong} of ${REVOKE_AFTER} allowed)`, "patient_link.identity_failed", {
      attempt: setWrong,
    });
    await recordIpFailure(tx, input.ip, now, log);

    if (setWrong >= REVOKE_AFTER) {
      await tx
        .update(patientLinks)
        .set({ revokedAt: now, revokedReason: "identity_lock", lockedUntil: null })
        .where(liveLinks);
      await log(LINK_REVOKED_SUMMARY, "patient_link.revoked_identity_lock", { wrongAnswers: setWrong });
      return { outcome: "revoked" as const, clinicPhone: clinic.phone };
    }
    const lockMinutes = lockMinutesAfter(setWrong);
    if (lockMinutes) {
      const until = new Date(now.getTime() + lockMinutes * 60_000);
      await tx.update(patientLinks).set({ lockedUntil: until }).where(liveLinks);
      await log(
        `Link locked for ${describeLock(lockMinutes)} after ${setWrong} wrong dates of birth`,
        "patient_link.locked",
        { lockedUntil: until.toISOString(), lockedBy: "link" },
      );
    }
    const lock = latest(
      lockMinutes ? new Date(now.getTime() + lockMinutes * 60_000) : null,
      input.ip ? await ipLockedUntil(tx, input.ip, now) : null,
    );
    if (lock) return { outcome: "locked" as const, lockedUntil: lock };
    return { outcome: "wrong" as const, attemptsLeft: triesBeforeNextLock(setWrong) };
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

/** One upsert: the address climbs the same ladder; its count is forgotten a day after its last wrong answer. */
async function recordIpFailure(
  tx: Tx,
  ip: string | null,
  now: Date,
  log: (summary: string, action: string, details: Record<string, unknown>) => Promise<void>,
) {
  if (!ip) return;
  const windowStart = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000).toISOString();
  const [row] = await tx
    .insert(signInThrottle)
    .values({ key: dobIpKey(ip), failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.lastFailureAt} < ${windowStart}::timestamptz then 1 else ${signInThrottle.failures} + 1 end`,
        lastFailureAt: sql`${now.toISOString()}::timestamptz`,
      },
    })
    .returning({ failures: signInThrottle.failures });
  const lockMinutes = lockMinutesAfter(row?.failures ?? 1);
  if (!lockMinutes) return;
  const until = new Date(now.getTime() + lockMinutes * 60_000);
  await tx
    .update(signInThrottle)
    .set({ blockedUntil: until })
    .where(eq(signInThrottle.key, dobIpKey(ip)));
  await log(
    `Date of birth entry locked for ${describeLock(lockMinutes)} for this address after ${row?.failures} wrong answers`,
    "patient_link.ip_locked",
    { lockedUntil: until.toISOString(), lockedBy: "address" },
  );
}

function latest(...dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);
}
