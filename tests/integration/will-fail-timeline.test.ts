import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoiceSets, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { explainContactProblem } from "@/lib/invoice-sets/explain-contact-problem";
import { listInvoiceSets } from "@/lib/invoice-sets/list-invoice-sets";
import { reevaluatePrediction } from "@/lib/outreach/reevaluate-prediction";
import { updatePatientContact } from "@/lib/patients/update-patient-contact";
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

const willFailLines = async (setId: string) =>
  (
    await database.db
      .select({ summary: timelineEvents.summary })
      .from(timelineEvents)
      .where(and(eq(timelineEvents.invoiceSetId, setId), eq(timelineEvents.kind, "status_change")))
  )
    .map((event) => event.summary)
    .filter((summary) => summary.startsWith("Will Fail"));

async function reasonOnTheRow(setId: string) {
  const page = await listInvoiceSets(database.db, clinic, { status: ["will_fail"] });
  const row = page.rows.find((r) => r.id === setId);
  if (!row) throw new Error("set not listed");
  return explainContactProblem(row.patient, "America/New_York").reasons.join(" · ");
}

// The fixture rule set: day 0 SMS + Email, day 7 SMS only, day 14 Email only.
describe("the Will Fail reason on the set's timeline", () => {
  test("written when the set becomes Will Fail and once per new reason, never on a read or a repeat", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId, {
      phone: null,
      smsOptedOutAt: new Date("2026-10-02T15:00:00Z"),
    });
    // Waiting for the text-only step.
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id, sequenceStep: 1 });
    const ref = { clinicId: clinic.clinicId, patientId: patient.id };

    expect(await reevaluatePrediction(database.db, ref)).toMatchObject({
      kind: "predicted",
      reason: "No phone number on file",
    });
    expect(await willFailLines(set.id)).toEqual(["Will Fail: No phone number on file"]);

    // The contact-changed function runs the same check again after an edit: nothing new to say.
    expect(await reevaluatePrediction(database.db, ref)).toEqual({ kind: "unchanged" });
    await listInvoiceSets(database.db, clinic, { status: ["will_fail"] });
    expect(await willFailLines(set.id)).toHaveLength(1);

    // Staff add a number, but the patient opted out of texts: still Will Fail, for a new reason.
    await database.db.transaction((tx) =>
      updatePatientContact(tx, {
        clinicId: clinic.clinicId,
        actor,
        contact: { patientId: patient.id, phone: "+12025550143", email: patient.email },
      }),
    );
    expect(await reevaluatePrediction(database.db, ref)).toMatchObject({
      kind: "predicted",
      reason: "Opted out of texts on Oct 2",
    });
    expect(await reevaluatePrediction(database.db, ref)).toEqual({ kind: "unchanged" });
    expect(await willFailLines(set.id)).toEqual([
      "Will Fail: No phone number on file",
      "Will Fail: Opted out of texts on Oct 2",
    ]);

    // The row, the status reason and the timeline say the same words.
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row).toMatchObject({ status: "will_fail", statusReason: "Opted out of texts on Oct 2" });
    expect(await reasonOnTheRow(set.id)).toBe("Opted out of texts on Oct 2");
  });
});
