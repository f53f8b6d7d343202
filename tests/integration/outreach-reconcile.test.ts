import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoiceSets, patients } from "@/db/schema";
import { type ReconcileSteps, reconcileSequences } from "@/inngest/functions/reconcile-sequences";
import { activationEventId, findStalledSets, type StallCursor } from "@/lib/outreach/find-stalled-sets";
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
  test("finds active sets with no next action or an overdue one, never paused or on-time ones", async () => {
    const now = new Date("2030-01-10T15:00:00Z");
    const planned = (at: string) => ({ nextSendAt: new Date(at), nextActionAt: new Date(at) });
    const missing = await createTestInvoiceSet(database.db, clinic, { nextSendAt: null });
    const overdue = await createTestInvoiceSet(database.db, clinic, planned("2030-01-10T14:00:00Z"));
    const onTime = await createTestInvoiceSet(database.db, clinic, planned("2030-01-11T14:00:00Z"));
    const paused = await createTestInvoiceSet(database.db, clinic, { status: "paused", nextSendAt: null });
    const found = new Set<string>();
    let after: StallCursor | undefined;
    for (;;) {
      const page = await findStalledSets(database.db, { now, after, limit: 2 });
      for (const s of page) found.add(s.id);
      if (page.length < 2) break;
      after = page.at(-1)?.cursor;
    }
    expect(found.has(missing.id)).toBe(true);
    expect(found.has(overdue.id)).toBe(true);
    expect(found.has(onTime.id)).toBe(false);
    expect(found.has(paused.id)).toBe(false);
    expect(activationEventId({ id: missing.id, cycle: 0, step: 2 })).toBe(`activate-${missing.id}-0-2`);
  });

  test("a set that sent its last rule and waits for its expiry is not stalled", async () => {
    const now = new Date("2030-03-01T15:00:00Z");
    const waiting = await createTestInvoiceSet(database.db, clinic, {
      sequenceStep: 3,
      nextSendAt: null,
      nextActionAt: new Date("2030-03-20T14:00:00Z"),
    });
    const found = await findStalledSets(database.db, { now, limit: 1000 });
    expect(found.map((s) => s.id)).not.toContain(waiting.id);
  });

  test("a pass re-emits only overdue sets, and the next pass goes on from its cursor", async () => {
    const other = await createTestClinic(database.db, "Reconcile Cursor Clinic");
    const now = new Date("2031-01-10T15:00:00Z");
    const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000 - 3_600_000);
    for (let i = 0; i < 3; i += 1)
      await createTestInvoiceSet(database.db, other, { nextSendAt: at(i), nextActionAt: at(i) });
    const emitted: string[] = [];
    const step: ReconcileSteps = {
      run: (_id, fn) => fn(),
      sendEvent: async (_id, events) => {
        for (const event of events) emitted.push(String((event.data as { invoiceSetId: string }).invoiceSetId));
      },
    };
    const deps = { db: async () => database.db, now: () => now };
    const first = await reconcileSequences(step, deps, { pageSize: 2, maxPages: 1 });
    const second = await reconcileSequences(step, deps, { pageSize: 2, maxPages: 1 });
    const stalled = (await findStalledSets(database.db, { now, limit: 10_000 })).map((s) => s.id);
    expect(first.emitted).toBe(2);
    expect(new Set(emitted).size).toBe(emitted.length);
    expect(second.emitted).toBeGreaterThan(0);
    expect(emitted.every((id) => stalled.includes(id))).toBe(true);
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
