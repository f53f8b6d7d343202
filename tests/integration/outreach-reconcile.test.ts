import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoiceSets, patients } from "@/db/schema";
import { activationEventId, findStalledSets } from "@/lib/outreach/find-stalled-sets";
import { reevaluatePrediction } from "@/lib/outreach/reevaluate-prediction";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Reconcile Clinic");
});

describe("reconcile", () => {
  test("finds active sets with no next send or an overdue one, never paused or on-time ones", async () => {
    const now = new Date("2030-01-10T15:00:00Z");
    const missing = await createTestInvoiceSet(database.db, clinic, { nextSendAt: null });
    const overdue = await createTestInvoiceSet(database.db, clinic, { nextSendAt: new Date("2030-01-10T14:00:00Z") });
    const onTime = await createTestInvoiceSet(database.db, clinic, { nextSendAt: new Date("2030-01-11T14:00:00Z") });
    const paused = await createTestInvoiceSet(database.db, clinic, { status: "paused", nextSendAt: null });
    const found = new Set<string>();
    let afterId: string | undefined;
    for (;;) {
      const page = await findStalledSets(database.db, { now, afterId, limit: 2 });
      for (const s of page) found.add(s.id);
      if (page.length < 2) break;
      afterId = page.at(-1)?.id;
    }
    expect(found.has(missing.id)).toBe(true);
    expect(found.has(overdue.id)).toBe(true);
    expect(found.has(onTime.id)).toBe(false);
    expect(found.has(paused.id)).toBe(false);
    expect(activationEventId({ id: missing.id, cycle: 0, step: 2 })).toBe(`activate-${missing.id}-0-2`);
  });
});

describe("re-evaluating Will Fail when contact details change", () => {
  test("Active → Will Fail when the number goes, and back to Active when it is fixed", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId, { email: null });
    // Rule 1 (day 7) is SMS only.
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id, sequenceStep: 1 });
    await database.db.update(patients).set({ phone: null }).where(eq(patients.id, patient.id));
    expect(await reevaluatePrediction(database.db, { clinicId: clinic.clinicId, patientId: patient.id })).toEqual({
      kind: "predicted",
      invoiceSetId: set.id,
      reason: "No phone number on file",
    });
    let [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row).toMatchObject({ status: "will_fail", statusReason: "No phone number on file" });

    await database.db.update(patients).set({ phone: "+12025550177" }).where(eq(patients.id, patient.id));
    expect(await reevaluatePrediction(database.db, { clinicId: clinic.clinicId, patientId: patient.id })).toEqual({
      kind: "cleared",
      invoiceSetId: set.id,
      cycle: 0,
      step: 1,
    });
    [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row).toMatchObject({ status: "active", statusReason: null });
  });
});
