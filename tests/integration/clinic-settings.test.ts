import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, clinics } from "@/db/schema";
import { clinicSettingsSchema } from "@/lib/clinics/clinic-settings-input";
import { ALREADY_SET_UP, firstRunSchema, setUpFirstClinic } from "@/lib/clinics/set-up-first-clinic";
import { updateClinicSettings } from "@/lib/clinics/update-clinic-settings";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Settings Clinic");
});

const form = (overrides: Record<string, string> = {}) => ({
  name: "Settings Clinic",
  phone: "+12025550100",
  email: "",
  timeZone: "America/New_York",
  defaultDueDays: "30",
  patientLinkDays: "30",
  ...overrides,
});

describe("clinic settings", () => {
  test("bad input is refused field by field", () => {
    const result = clinicSettingsSchema.safeParse(
      form({ name: "", phone: "12", timeZone: "Mars/Base", defaultDueDays: "-1", patientLinkDays: "abc" }),
    );
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((issue) => issue.path.join(".")));
    expect(fields).toEqual(new Set(["name", "phone", "timeZone", "defaultDueDays", "patientLinkDays"]));
  });

  test("a save changes the clinic and audits only what changed, before → after", async () => {
    const settings = clinicSettingsSchema.parse(
      form({ name: "Harbor Family Clinic", defaultDueDays: "14", requireTwoFactor: "on" }),
    );
    const actor = { kind: "user" as const, userId: clinic.users.admin.id, ip: "198.51.100.4" };
    const { result } = await database.db.transaction((tx) =>
      updateClinicSettings(tx, { clinicId: clinic.clinicId, actor, settings }),
    );
    expect(result.changed.sort()).toEqual(["defaultDueDays", "email", "name", "phone", "requireTwoFactor"]);
    const [row] = await database.db.select().from(clinics).where(eq(clinics.id, clinic.clinicId));
    expect(row).toMatchObject({
      name: "Harbor Family Clinic",
      defaultDueDays: 14,
      requireTwoFactor: true,
      email: null,
    });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, clinic.clinicId), eq(auditLog.action, "clinic.update_settings")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      userId: clinic.users.admin.id,
      ip: "198.51.100.4",
      before: { name: "Settings Clinic", defaultDueDays: 30, requireTwoFactor: false },
      after: { name: "Harbor Family Clinic", defaultDueDays: 14, requireTwoFactor: true },
    });

    const { result: again } = await database.db.transaction((tx) =>
      updateClinicSettings(tx, { clinicId: clinic.clinicId, actor, settings }),
    );
    expect(again.changed).toEqual([]);
  });
});

describe("first-run setup", () => {
  test("is refused once any clinic exists, and creates nothing", async () => {
    const input = firstRunSchema.parse({
      clinicName: "Late Clinic",
      timeZone: "America/Chicago",
      clinicPhone: "",
      clinicEmail: "",
      adminName: "Lee Late",
      adminEmail: "lee@late.example",
      password: "saffron-tunnel-beacon-31",
      confirmPassword: "saffron-tunnel-beacon-31",
    });
    await expect(database.db.transaction((tx) => setUpFirstClinic(tx, input, null))).rejects.toThrow(ALREADY_SET_UP);
    expect(await database.db.select().from(clinics).where(eq(clinics.name, "Late Clinic"))).toEqual([]);
  });

  test("validates every field with its own message", () => {
    const result = firstRunSchema.safeParse({
      clinicName: "",
      timeZone: "Nowhere/Else",
      clinicPhone: "1",
      clinicEmail: "x",
      adminName: "",
      adminEmail: "y",
      password: "short",
      confirmPassword: "different",
    });
    const fields = new Set(result.error?.issues.map((issue) => issue.path.join(".")));
    expect(fields).toEqual(
      new Set(["clinicName", "timeZone", "clinicPhone", "clinicEmail", "adminName", "adminEmail", "password"]),
    );
  });
});
