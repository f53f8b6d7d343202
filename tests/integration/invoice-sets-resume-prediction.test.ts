import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoiceSets, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { applyInvoiceSetAction } from "@/lib/invoice-sets/apply-invoice-set-action";
import { bulkInvoiceSetAction } from "@/lib/invoice-sets/bulk-invoice-set-action";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let actor: Actor;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  actor = { kind: "user", userId: clinic.users.biller.id };
});

async function pausedSetFor(patient: Parameters<typeof createTestPatient>[2], sequenceStep = 0) {
  const { id: patientId } = await createTestPatient(database.db, clinic.clinicId, patient);
  return createTestInvoiceSet(database.db, clinic, { patientId, status: "paused", sequenceStep });
}

const timelineOf = async (id: string) =>
  (await database.db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, id))).map((e) => e.summary);

async function reload(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  return row;
}

// The fixture rule set: day 0 SMS + Email, day 7 SMS only, day 14 Email only.
describe("Resume asks the outreach prediction for the set's next rule", () => {
  test("a reachable patient resumes as Active", async () => {
    const set = await pausedSetFor({});
    await applyInvoiceSetAction(
      database.db,
      { clinicId: clinic.clinicId, actor },
      { invoiceSetId: set.id, action: "resume" },
    );
    expect(await reload(set.id)).toMatchObject({ status: "active", statusReason: null });
  });

  test("the next rule is text-only and the patient opted out: Will Fail with the reason", async () => {
    const set = await pausedSetFor({ smsOptedOutAt: new Date("2026-10-02T15:00:00Z") }, 1);
    await applyInvoiceSetAction(
      database.db,
      { clinicId: clinic.clinicId, actor },
      { invoiceSetId: set.id, action: "resume" },
    );
    expect(await reload(set.id)).toMatchObject({
      status: "will_fail",
      statusReason: "Opted out of texts on Oct 2",
    });
    expect(await timelineOf(set.id)).toContain("Resume: Will Fail (was Paused) — Opted out of texts on Oct 2");
  });

  test("the same patient resumes as Active when the next rule can still email them", async () => {
    const set = await pausedSetFor({ smsOptedOutAt: new Date() }, 0);
    await applyInvoiceSetAction(
      database.db,
      { clinicId: clinic.clinicId, actor },
      { invoiceSetId: set.id, action: "resume" },
    );
    expect((await reload(set.id))?.status).toBe("active");
  });

  test("bulk Resume predicts per set", async () => {
    const reachable = await pausedSetFor({});
    const unreachable = await pausedSetFor({ phone: null, email: null });
    const result = await bulkInvoiceSetAction(
      database.db,
      { clinicId: clinic.clinicId, clinicTimeZone: clinic.timeZone, actor },
      {
        action: "resume",
        selection: { kind: "ids", ids: [reachable.id, unreachable.id] },
      },
    );
    expect(result.changed).toBe(2);
    expect((await reload(reachable.id))?.status).toBe("active");
    expect(await reload(unreachable.id)).toMatchObject({ status: "will_fail" });
    expect((await reload(unreachable.id))?.statusReason).toBe("No phone number on file · No email address on file");
  });
});
