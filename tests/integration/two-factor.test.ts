import { and, eq } from "drizzle-orm";
import { Secret } from "otpauth";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, clinics, recoveryCodes, users } from "@/db/schema";
import { hashRecoveryCode, totpCode, verifyTotp } from "@/lib/account/totp";
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment, verifySecondFactor } from "@/lib/account/two-factor";
import { hashPassword } from "@/lib/auth/password";
import { resolveSession } from "@/lib/auth/resolve-session";
import { startStaffSession } from "@/lib/auth/staff-sessions";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Two-factor Clinic");
});

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's key length.
const seed = (length: number) => Secret.fromUTF8("1234567890".repeat(7).slice(0, length)).base32;
const VECTORS: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP", () => {
  test.each(VECTORS)("RFC 6238 test vector at T=%i", (seconds, sha1, sha256, sha512) => {
    const at = seconds * 1000;
    expect(totpCode(seed(20), at, { digits: 8, algorithm: "SHA1" })).toBe(sha1);
    expect(totpCode(seed(32), at, { digits: 8, algorithm: "SHA256" })).toBe(sha256);
    expect(totpCode(seed(64), at, { digits: 8, algorithm: "SHA512" })).toBe(sha512);
  });

  test("a code is accepted within one 30-second step of drift, not beyond", () => {
    const secret = seed(20);
    const now = 1_111_111_111_000;
    const code = totpCode(secret, now);
    expect(verifyTotp(secret, code, now)).toBe(true);
    expect(verifyTotp(secret, code, now + 30_000)).toBe(true);
    expect(verifyTotp(secret, code, now + 90_000)).toBe(false);
    expect(verifyTotp(secret, "12345", now)).toBe(false);
  });

  test("enrolment: a wrong code changes nothing; the right one turns it on with 10 hashed recovery codes", async () => {
    const userId = clinic.users.biller.id;
    const actor = { kind: "user" as const, userId, ip: "192.0.2.5" };
    const { secret, uri } = await startTotpEnrolment(database.db, userId);
    // One fixed moment, so no 30-second boundary falls between enrolment and sign-in.
    const t0 = Date.now();
    expect(uri).toContain("otpauth://totp/");
    expect(uri).toContain(`secret=${secret}`);
    await expect(
      database.db.transaction((tx) => confirmTotpEnrolment(tx, { userId, code: "000000", actor })),
    ).rejects.toThrow(/isn't right/);
    const [before] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(before?.totpEnabledAt).toBeNull();
    // At rest the secret is sealed (AES-GCM): the database alone can't mint codes.
    expect(before?.totpSecret).toMatch(/^v1:/);
    expect(before?.totpSecret).not.toContain(secret);

    const { recoveryCodes: codes } = await database.db.transaction((tx) =>
      confirmTotpEnrolment(tx, { userId, code: totpCode(secret, t0), actor, now: new Date(t0) }),
    );
    expect(codes).toHaveLength(10);
    const stored = await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    expect(stored).toHaveLength(10);
    expect(stored.some((row) => codes.includes(row.codeHash))).toBe(false);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.enable_two_factor"), eq(auditLog.entityId, userId)));
    expect(audit).toMatchObject({ clinicId: clinic.clinicId, ip: "192.0.2.5", after: { twoFactor: true } });

    // Sign-in: the session is held until a right code or an unused recovery code.
    const sessionId = await startStaffSession(database.db, {
      userId,
      clinicId: clinic.clinicId,
      needsSecondFactor: true,
      ip: null,
    });
    expect((await resolveSession(database.db, sessionId)).kind).toBe("second_factor");
    const check = (code: string) =>
      database.db.transaction((tx) => verifySecondFactor(tx, { sessionId, userId, code, now: new Date(t0) }));
    expect(await check("999999")).toBe(false);
    expect((await resolveSession(database.db, sessionId)).kind).toBe("second_factor");
    expect(await check(codes[0] ?? "")).toBe(true);
    expect((await resolveSession(database.db, sessionId)).kind).toBe("staff");
    expect(await check(codes[0] ?? "")).toBe(false);
    // The code used to turn it on can't be replayed; the next one works once.
    expect(await check(totpCode(secret, t0))).toBe(false);
    const next = totpCode(secret, t0 + 30_000);
    expect(await check(next)).toBe(true);
    expect(await check(next)).toBe(false);
  });

  test("a secret stored before encryption still works and is sealed at its first use", async () => {
    const userId = clinic.users.viewer.id;
    const secret = seed(20);
    const t0 = Date.now();
    await database.db
      .update(users)
      .set({ totpSecret: secret, totpEnabledAt: new Date(t0), totpLastStep: null })
      .where(eq(users.id, userId));
    const sessionId = await startStaffSession(database.db, {
      userId,
      clinicId: clinic.clinicId,
      needsSecondFactor: true,
      ip: null,
    });
    const ok = await database.db.transaction((tx) =>
      verifySecondFactor(tx, { sessionId, userId, code: totpCode(secret, t0), now: new Date(t0) }),
    );
    expect(ok).toBe(true);
    const [after] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(after?.totpSecret).toMatch(/^v1:/);
    expect(after?.totpSecret).not.toContain(secret);
    const next = totpCode(secret, t0 + 30_000);
    expect(
      await database.db.transaction((tx) =>
        verifySecondFactor(tx, { sessionId, userId, code: next, now: new Date(t0 + 30_000) }),
      ),
    ).toBe(true);
    await database.db
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, userId));
  });

  test("a secret that can't be opened (another AUTH_SECRET, tampering) refuses codes, and recovery codes still work", async () => {
    const userId = clinic.users.viewer.id;
    await database.db
      .update(users)
      .set({ totpSecret: `v1:${"A".repeat(60)}`, totpEnabledAt: new Date(), totpLastStep: null })
      .where(eq(users.id, userId));
    await database.db.insert(recoveryCodes).values({ userId, codeHash: hashRecoveryCode("abcde-fghij") });
    const sessionId = await startStaffSession(database.db, {
      userId,
      clinicId: clinic.clinicId,
      needsSecondFactor: true,
      ip: null,
    });
    const check = (code: string) =>
      database.db.transaction((tx) => verifySecondFactor(tx, { sessionId, userId, code }));
    expect(await check(totpCode(seed(20), Date.now()))).toBe(false);
    expect(await check("abcde-fghij")).toBe(true);
    await database.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await database.db
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, userId));
  });

  test("a clinic that requires two-factor holds members without it, and keeps it on", async () => {
    const userId = clinic.users.viewer.id;
    await database.db.update(clinics).set({ requireTwoFactor: true }).where(eq(clinics.id, clinic.clinicId));
    const sessionId = await startStaffSession(database.db, {
      userId,
      clinicId: clinic.clinicId,
      needsSecondFactor: false,
      ip: null,
    });
    expect((await resolveSession(database.db, sessionId)).kind).toBe("enrol_two_factor");
    const { secret } = await startTotpEnrolment(database.db, userId);
    const actor = { kind: "user" as const, userId };
    await database.db.transaction((tx) =>
      confirmTotpEnrolment(tx, { userId, code: totpCode(secret, Date.now()), actor, sessionId }),
    );
    expect((await resolveSession(database.db, sessionId)).kind).toBe("staff");

    await database.db
      .update(users)
      .set({ passwordHash: await hashPassword("plum-garden-ticket-55") })
      .where(eq(users.id, userId));
    await expect(
      database.db.transaction((tx) => disableTotp(tx, { userId, password: "plum-garden-ticket-55", actor })),
    ).rejects.toThrow(/requires two-factor/);
    await database.db.update(clinics).set({ requireTwoFactor: false }).where(eq(clinics.id, clinic.clinicId));
    await expect(
      database.db.transaction((tx) => disableTotp(tx, { userId, password: "wrong-password-here", actor })),
    ).rejects.toThrow(/isn't right/);
    await database.db.transaction((tx) => disableTotp(tx, { userId, password: "plum-garden-ticket-55", actor }));
    const [after] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(after).toMatchObject({ totpEnabledAt: null, totpSecret: null });
  });
});
