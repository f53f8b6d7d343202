import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, staffSessions, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { resolveSession } from "@/lib/auth/resolve-session";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { signOutSession } from "@/lib/auth/sign-out";
import { IDLE_SESSION_MS, startStaffSession } from "@/lib/auth/staff-sessions";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

const PASSWORD = "a-long-enough-test-password";
const MINUTE = 60_000;

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  const passwordHash = await hashPassword(PASSWORD);
  await database.db.update(users).set({ passwordHash }).where(eq(users.id, clinic.users.biller.id));
});

/** A fresh address per test, so rows are told apart and no test throttles another. */
// A documentation-range IPv6 address of its own per test: other files' sign-ins share the database.
const freshIp = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;

function auditRows(action: string, where: { userId?: string; ip?: string } = {}) {
  return database.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, action),
        where.userId ? eq(auditLog.userId, where.userId) : undefined,
        where.ip ? eq(auditLog.ip, where.ip) : undefined,
      ),
    );
}

describe("every sign-in event is in the audit log", () => {
  test("a sign-in is recorded under the member's clinic with the user and address", async () => {
    const ip = freshIp();
    const outcome = await signInWithPassword(database.db, { email: clinic.users.biller.email, password: PASSWORD }, ip);
    expect(outcome.kind).toBe("signed_in");
    const rows = await auditRows("auth.sign_in", { userId: clinic.users.biller.id, ip });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clinicId: clinic.clinicId, actorKind: "user", entityId: clinic.users.biller.id });
  });

  test("a wrong password for a known email is recorded under the member's clinic", async () => {
    const ip = freshIp();
    const outcome = await signInWithPassword(database.db, { email: clinic.users.biller.email, password: "wrong" }, ip);
    expect(outcome.kind).toBe("refused");
    const rows = await auditRows("auth.sign_in_failed", { userId: clinic.users.biller.id, ip });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.clinicId).toBe(clinic.clinicId);
  });

  test("a sign-in with an email that has no account is recorded with no clinic and no user", async () => {
    const ip = freshIp();
    const email = `nobody-${randomUUID().slice(0, 8)}@nowhere.test`;
    const outcome = await signInWithPassword(database.db, { email: email.toUpperCase(), password: "guess" }, ip);
    expect(outcome.kind).toBe("refused");
    const rows = await auditRows("auth.sign_in_failed", { ip });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clinicId: null, userId: null, after: { email } });
    // Any other row without a clinic is refused by the table.
    await expect(
      database.db
        .insert(auditLog)
        .values({ clinicId: null, actorKind: "system", action: "patient.view", entityType: "patient" }),
    ).rejects.toThrow();
  });

  test("a sign-out is recorded once and ends the session", async () => {
    const ip = freshIp();
    const sessionId = await startStaffSession(database.db, {
      userId: clinic.users.biller.id,
      clinicId: clinic.clinicId,
      needsSecondFactor: false,
      ip,
    });
    const state = await resolveSession(database.db, sessionId);
    expect(state.kind).toBe("staff");
    await signOutSession(database.db, state, ip);
    await signOutSession(database.db, state, ip);
    const rows = await auditRows("auth.sign_out", { userId: clinic.users.biller.id, ip });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.clinicId).toBe(clinic.clinicId);
    expect((await resolveSession(database.db, sessionId)).kind).toBe("none");
  });

  test("a session idle for 30 minutes expires when next seen, recorded once; use keeps it alive", async () => {
    const ip = freshIp();
    const start = new Date();
    const sessionId = await startStaffSession(database.db, {
      userId: clinic.users.viewer.id,
      clinicId: clinic.clinicId,
      needsSecondFactor: false,
      ip,
      now: start,
    });
    const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
    expect((await resolveSession(database.db, sessionId, at(20))).kind).toBe("staff");
    // Seen at minute 20, so minute 45 is 25 idle minutes: still live.
    expect((await resolveSession(database.db, sessionId, at(45))).kind).toBe("staff");
    expect(await auditRows("auth.session_expired", { ip })).toHaveLength(0);

    expect((await resolveSession(database.db, sessionId, at(45 + IDLE_SESSION_MS / MINUTE))).kind).toBe("none");
    expect((await resolveSession(database.db, sessionId, at(120))).kind).toBe("none");
    const rows = await auditRows("auth.session_expired", { ip });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      clinicId: clinic.clinicId,
      userId: clinic.users.viewer.id,
      after: { sessionId, reason: "idle" },
    });
  });

  test("a session past its 12 hours expires when next seen, however active", async () => {
    const ip = freshIp();
    const sessionId = await startStaffSession(database.db, {
      userId: clinic.users.viewer.id,
      clinicId: clinic.clinicId,
      needsSecondFactor: false,
      ip,
    });
    await database.db
      .update(staffSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(staffSessions.id, sessionId));
    expect((await resolveSession(database.db, sessionId)).kind).toBe("none");
    const rows = await auditRows("auth.session_expired", { ip });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.after).toMatchObject({ sessionId, reason: "absolute" });
  });

  test("a session whose browser never came back is recorded as expired when the person signs in again", async () => {
    const oldIp = freshIp();
    const forgotten = await startStaffSession(database.db, {
      userId: clinic.users.biller.id,
      clinicId: clinic.clinicId,
      needsSecondFactor: false,
      ip: oldIp,
      now: new Date(Date.now() - 3 * IDLE_SESSION_MS),
    });
    const outcome = await signInWithPassword(
      database.db,
      { email: clinic.users.biller.email, password: PASSWORD },
      freshIp(),
    );
    expect(outcome.kind).toBe("signed_in");
    const rows = await auditRows("auth.session_expired", { ip: oldIp });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.after).toMatchObject({ sessionId: forgotten, reason: "idle" });
    const [row] = await database.db
      .select({ id: staffSessions.id })
      .from(staffSessions)
      .where(and(eq(staffSessions.id, forgotten), isNull(staffSessions.revokedAt)));
    expect(row).toBeUndefined();
  });
});
