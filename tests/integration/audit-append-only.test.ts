import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

describe("audit rows are append-only", () => {
  test("an audit row can be written and read, but never updated, deleted or truncated", async () => {
    await recordAudit(database.db, {
      clinicId: clinic.clinicId,
      actor: { kind: "user", userId: clinic.users.admin.id, ip: "203.0.113.5" },
      action: "patient.view",
      entityType: "patient",
      entityId: null,
      after: { note: "original" },
    });
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.clinicId, clinic.clinicId));
    if (!row) throw new Error("audit row expected");

    await expect(
      database.db.update(auditLog).set({ action: "tampered" }).where(eq(auditLog.id, row.id)),
    ).rejects.toThrow();
    await expect(database.db.delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_log`)).rejects.toThrow();

    const [after] = await database.db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(after).toMatchObject({ action: "patient.view", after: { note: "original" } });
  });
});
