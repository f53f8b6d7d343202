import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { accountEmails, auditLog, users } from "@/db/schema";
import { createPasswordReset, findUsableReset, resetPassword } from "@/lib/account/password-reset";
import { requestPasswordReset } from "@/lib/account/request-password-reset";
import { verifyPassword } from "@/lib/auth/password";
import { resolveSession } from "@/lib/auth/resolve-session";
import { startStaffSession } from "@/lib/auth/staff-sessions";
import { outboxTransport } from "@/lib/providers/transport";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
const NEW_PASSWORD = "copper-meadow-signal-88";

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Reset Clinic");
});

describe("password reset", () => {
  test("an active member gets a one-time link by email; an unknown address gets nothing, with the same answer", async () => {
    const email = clinic.users.biller.email;
    await requestPasswordReset(database.db, outboxTransport, { email: email.toUpperCase(), ip: "203.0.113.50" });
    const [mail] = await database.db
      .select()
      .from(accountEmails)
      .where(eq(accountEmails.destination, email))
      .orderBy(desc(accountEmails.createdAt));
    expect(mail).toMatchObject({ kind: "password_reset", clinicId: clinic.clinicId });
    const token = mail?.body.match(/\/reset\/([A-Za-z0-9_-]{43})/)?.[1] ?? "";
    expect((await findUsableReset(database.db, token))?.userId).toBe(clinic.users.biller.id);

    const unknown = `nobody-${Date.now()}@clinic.test`;
    await expect(
      requestPasswordReset(database.db, outboxTransport, { email: unknown, ip: "203.0.113.51" }),
    ).resolves.toBeUndefined();
    expect(await database.db.select().from(accountEmails).where(eq(accountEmails.destination, unknown))).toEqual([]);
  });

  test("requests are rate-limited per email", async () => {
    const email = `flood-${Date.now()}@clinic.test`;
    for (let i = 0; i < 5; i += 1) await requestPasswordReset(database.db, outboxTransport, { email, ip: null });
    await expect(requestPasswordReset(database.db, outboxTransport, { email, ip: null })).rejects.toThrow(
      /Too many attempts/,
    );
  });

  test("a reset sets the password, works once, and ends every session of the user", async () => {
    const userId = clinic.users.viewer.id;
    const sessionId = await startStaffSession(database.db, {
      userId,
      clinicId: clinic.clinicId,
      needsSecondFactor: false,
      ip: null,
    });
    const { token } = await database.db.transaction((tx) => createPasswordReset(tx, { userId }));
    const result = await database.db.transaction((tx) =>
      resetPassword(tx, { token, password: NEW_PASSWORD, ip: "203.0.113.60" }),
    );
    expect(result.sessionsEnded).toBe(1);
    expect((await resolveSession(database.db, sessionId)).kind).toBe("none");
    const [user] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword(user?.passwordHash ?? "", NEW_PASSWORD)).toBe(true);
    await expect(
      database.db.transaction((tx) => resetPassword(tx, { token, password: "another-long-phrase-9", ip: null })),
    ).rejects.toThrow(/expired or was already used/);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.reset_password"), eq(auditLog.entityId, userId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ clinicId: clinic.clinicId, ip: "203.0.113.60" });
  });

  test("a link older than 30 minutes, or replaced by a newer one, is dead", async () => {
    const userId = clinic.users.admin.id;
    const old = await database.db.transaction((tx) =>
      createPasswordReset(tx, { userId, now: new Date(Date.now() - 31 * 60_000) }),
    );
    expect(await findUsableReset(database.db, old.token)).toBeNull();
    const first = await database.db.transaction((tx) => createPasswordReset(tx, { userId }));
    const second = await database.db.transaction((tx) => createPasswordReset(tx, { userId }));
    expect(await findUsableReset(database.db, first.token)).toBeNull();
    expect((await findUsableReset(database.db, second.token))?.userId).toBe(userId);
  });
});
