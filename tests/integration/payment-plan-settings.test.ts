import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, clinics } from "@/db/schema";
import { planSettingsSchema, updatePlanSettings } from "@/lib/payment-plans/update-plan-settings";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

describe("payment plan settings", () => {
  test("bad input names the field", () => {
    const bad = planSettingsSchema.safeParse({ minInstallment: "0.50", patientPlanMonths: "3, 100" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join("."))).toEqual(["minInstallment", "patientPlanMonths"]);
  });

  test("saves the minimum and the patient's plan lengths, audited before → after", async () => {
    const settings = planSettingsSchema.parse({ minInstallment: "40", patientPlanMonths: "12, 6 6" });
    const actor = { kind: "user" as const, userId: clinic.users.admin.id };
    const result = await database.db.transaction((tx) =>
      updatePlanSettings(tx, { clinicId: clinic.clinicId, actor, settings }),
    );
    expect(result.changed.sort()).toEqual(["minInstallmentCents", "patientPlanMonths"]);
    const [row] = await database.db.select().from(clinics).where(eq(clinics.id, clinic.clinicId));
    expect(row).toMatchObject({ minInstallmentCents: 4000, patientPlanMonths: [6, 12] });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, clinic.clinicId), eq(auditLog.action, "clinic.update_plan_settings")));
    expect(audit).toMatchObject({
      before: { minInstallmentCents: 2500, patientPlanMonths: "3,6,12" },
      after: { minInstallmentCents: 4000, patientPlanMonths: "6,12" },
    });
  });

  test("the largest card charge and the reminder days: validated per field, saved and audited", async () => {
    const bad = planSettingsSchema.safeParse({
      minInstallment: "25",
      patientPlanMonths: "3",
      cardChargeMax: "0.10",
      installmentReminderDays: "45",
    });
    expect(bad.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["cardChargeMax", "Enter an amount from $1.00 to $100,000, like 500 (or leave empty for the whole balance)."],
      ["installmentReminderDays", "Enter whole days from 0 (on the due date) to 30."],
    ]);
    const actor = { kind: "user" as const, userId: clinic.users.admin.id };
    const save = (input: Record<string, string>) =>
      database.db.transaction((tx) =>
        updatePlanSettings(tx, {
          clinicId: clinic.clinicId,
          actor,
          settings: planSettingsSchema.parse({ minInstallment: "40", patientPlanMonths: "6, 12", ...input }),
        }),
      );
    expect((await save({ cardChargeMax: "500", installmentReminderDays: "5" })).changed.sort()).toEqual([
      "cardChargeMaxCents",
      "installmentReminderDays",
    ]);
    const [row] = await database.db.select().from(clinics).where(eq(clinics.id, clinic.clinicId));
    expect(row).toMatchObject({ cardChargeMaxCents: 50000, installmentReminderDays: 5 });
    // Empty: charge the whole balance again.
    await save({ cardChargeMax: "", installmentReminderDays: "5" });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, clinic.clinicId), eq(auditLog.action, "clinic.update_plan_settings")));
    expect(audits.map((audit) => audit.after)).toEqual(
      expect.arrayContaining([{ cardChargeMaxCents: 50000, installmentReminderDays: 5 }, { cardChargeMaxCents: null }]),
    );
  });
});
