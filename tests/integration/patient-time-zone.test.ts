import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, invoiceSets, messages, outreachEngineState, patients } from "@/db/schema";
import { invoiceSetActivated } from "@/inngest/events";
import { enqueueEvents } from "@/inngest/local/job-store";
import { runDueWork } from "@/inngest/local/run-due-work";
import type { Actor } from "@/lib/actor";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { clinicSettingsSchema } from "@/lib/clinics/clinic-settings-input";
import { updateClinicSettings } from "@/lib/clinics/update-clinic-settings";
import { runUseCase } from "@/lib/events/run-use-case";
import { createImport } from "@/lib/imports/create-import";
import { runImportBatch } from "@/lib/imports/run-import-batch";
import { planRetry } from "@/lib/outreach/plan-retry";
import { getStatement } from "@/lib/patient-portal/get-statement";
import { createPatient } from "@/lib/patients/create-patient";
import { patientInputSchema } from "@/lib/patients/patient-input";
import { updatePatient } from "@/lib/patients/update-patient";
import { callApi } from "../support/api-client";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { holdCrons } from "../support/hold-crons";
import { engineOptions } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

// A Los Angeles clinic, every day 9:00–20:00. At 03:00 in LA (06:00 in New York) nothing may
// go yet: the first message waits for 9:00 in the patient's zone.
const NOW = new Date("2030-05-07T10:00:00Z");
const NINE_AM = {
  "America/New_York": "2030-05-07T13:00:00.000Z",
  "America/Chicago": "2030-05-07T14:00:00.000Z",
  "America/Denver": "2030-05-07T15:00:00.000Z",
  "America/Los_Angeles": "2030-05-07T16:00:00.000Z",
  "Pacific/Honolulu": "2030-05-07T19:00:00.000Z",
};

let database: Database;
let clinic: TestClinic;
let actor: Actor;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Pacific Clinic");
  actor = { kind: "user", userId: clinic.users.biller.id };
  await database.db
    .update(clinics)
    .set({ timeZone: "America/Los_Angeles", sendDays: [1, 2, 3, 4, 5, 6, 7] })
    .where(eq(clinics.id, clinic.clinicId));
  await holdCrons(database.db);
});
afterAll(async () => {
  await database.db.delete(outreachEngineState);
});

const pass = () => runDueWork(database.db, engineOptions({ now: NOW }));

const nextSendOf = async (setId: string) =>
  (await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, setId)))[0]?.nextSendAt?.toISOString();

/** A waiting set for the patient, planned by the engine. */
async function waitingSet(patientId: string) {
  const set = await createTestInvoiceSet(database.db, clinic, { patientId, sequenceStartedAt: NOW });
  await enqueueEvents(
    database.db,
    [invoiceSetActivated.create({ clinicId: clinic.clinicId, invoiceSetId: set.id })],
    NOW,
  );
  await pass();
  return set;
}

const patientInput = (timeZone: string) =>
  patientInputSchema.parse({
    firstName: "Noa",
    lastName: "Kealoha",
    dateOfBirth: "1979-08-02",
    phone: "(415) 555-0131",
    email: "noa@example.com",
    timeZone,
  });

describe("a patient without a time zone", () => {
  test("is stored without one and planned, retried and shown in the clinic's zone", async () => {
    const added = await database.db.transaction((tx) =>
      createPatient(tx, { clinicId: clinic.clinicId, actor, input: patientInput("") }),
    );
    expect(added.timeZone).toBeNull();
    // A row written without the column (an older import, SQL by hand) has none either.
    const [bare] = await database.db
      .insert(patients)
      .values({
        clinicId: clinic.clinicId,
        externalId: "TZ-BARE",
        firstName: "Ari",
        lastName: "Lee",
        dateOfBirth: "1990-01-01",
      })
      .returning();
    expect(bare?.timeZone).toBeNull();

    const set = await waitingSet(added.id);
    expect(await nextSendOf(set.id)).toBe(NINE_AM["America/Los_Angeles"]);
    const statement = await getStatement(database.db, { clinicId: clinic.clinicId, invoiceSetId: set.id });
    expect(statement?.patient.timeZone).toBe("America/Los_Angeles");
  });

  test("a temporary failure's retry waits for the window in the clinic's zone", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId, { timeZone: null });
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id, sequenceStartedAt: NOW });
    const [message] = await database.db
      .insert(messages)
      .values({
        clinicId: clinic.clinicId,
        invoiceSetId: set.id,
        ruleId: clinic.ruleIds[0],
        stepIndex: 0,
        channel: "sms",
        transport: "outbox",
        destination: patient.phone ?? "",
        body: "Hi",
        status: "failed",
      })
      .returning();
    // 22:00 in LA: four hours on is 2:00, so the retry goes at 9:00 LA time.
    const at = await planRetry(database.db, message?.id ?? "", new Date("2030-05-07T05:00:00Z"));
    expect(at).toBe(NINE_AM["America/Los_Angeles"]);
  });
});

describe("changing a patient's zone re-plans their waiting sequence", () => {
  test("from the patient form, the API and an import", async () => {
    const patient = await database.db.transaction((tx) =>
      createPatient(tx, { clinicId: clinic.clinicId, actor, input: patientInput("America/New_York") }),
    );
    const set = await waitingSet(patient.id);
    expect(await nextSendOf(set.id)).toBe(NINE_AM["America/New_York"]);

    // Patient form: "Clinic's time zone (America/Los Angeles)" is the empty choice.
    await runUseCase(database.db, async (tx) => {
      const updated = await updatePatient(tx, {
        clinicId: clinic.clinicId,
        actor,
        patientId: patient.id,
        input: { ...patientInput(""), mrn: patient.externalId },
      });
      return { result: updated, events: updated.events };
    });
    await pass();
    expect(await nextSendOf(set.id)).toBe(NINE_AM["America/Los_Angeles"]);

    // The API.
    const { token } = await database.db.transaction((tx) =>
      createApiKey(tx, {
        clinicId: clinic.clinicId,
        actor: { kind: "user", userId: clinic.users.admin.id },
        input: { name: "PMS", scope: "read_write" },
      }),
    );
    const patched = await callApi("PATCH", `/patients/${patient.id}`, { token, body: { timeZone: "America/Chicago" } });
    expect(patched.status).toBe(200);
    await pass();
    expect(await nextSendOf(set.id)).toBe(NINE_AM["America/Chicago"]);

    // An import with a time zone column.
    const { importId } = await database.db.transaction((tx) =>
      createImport(tx, {
        clinicId: clinic.clinicId,
        actor,
        fileName: "zones.csv",
        fileText: `MRN,First Name,Last Name,DOB,Time Zone\n${patient.externalId},Noa,Kealoha,1979-08-02,America/Denver\n`,
      }),
    );
    await runImportBatch(database.db, { clinicId: clinic.clinicId, actor, importId, issueInvoices: false });
    const [imported] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(imported?.timeZone).toBe("America/Denver");
    await pass();
    expect(await nextSendOf(set.id)).toBe(NINE_AM["America/Denver"]);
  });

  test("a new clinic zone re-plans the patients who use it", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId, { timeZone: null });
    const set = await waitingSet(patient.id);
    expect(await nextSendOf(set.id)).toBe(NINE_AM["America/Los_Angeles"]);
    const settings = clinicSettingsSchema.parse({
      name: "Pacific Clinic",
      phone: "+12025550100",
      email: "",
      timeZone: "Pacific/Honolulu",
      defaultDueDays: "30",
      patientLinkDays: "30",
    });
    await runUseCase(database.db, (tx) =>
      updateClinicSettings(tx, { clinicId: clinic.clinicId, actor: { kind: "system" }, settings }),
    );
    await pass();
    expect(await nextSendOf(set.id)).toBe(NINE_AM["Pacific/Honolulu"]);
  });
});
