import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { getInvoiceReview } from "@/lib/invoices/get-invoice-review";
import { listInvoices } from "@/lib/invoices/list-invoices";
import { createPatient } from "@/lib/patients/create-patient";
import { getPatient } from "@/lib/patients/get-patient";
import { listPatients } from "@/lib/patients/list-patients";
import { patientInputSchema } from "@/lib/patients/patient-input";
import { updatePatient } from "@/lib/patients/update-patient";
import { createTestClinic, createTestPatient, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let otherClinic: TestClinic;
let actor: Actor;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  otherClinic = await createTestClinic(database.db, "Other Clinic");
  actor = { kind: "user", userId: clinic.users.admin.id, ip: "198.51.100.4" };
});

const details = (
  patient: { firstName: string; lastName: string; dateOfBirth: string },
  values: Record<string, string>,
) =>
  patientInputSchema.parse({
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: patient.dateOfBirth,
    phone: "",
    email: "",
    mrn: "",
    timeZone: "America/New_York",
    ...values,
  });

describe("adding a patient", () => {
  test("saves normalized details, generates an MRN, no zone of its own (the clinic's), audits the create", async () => {
    const input = details(
      { firstName: "Maya", lastName: "Okafor", dateOfBirth: "1991-07-04" },
      { phone: "(312) 555-0101", email: " Maya@Example.com ", timeZone: "", preferredLanguage: "es" },
    );
    const patient = await database.db.transaction((tx) =>
      createPatient(tx, { clinicId: clinic.clinicId, actor, input }),
    );
    expect(patient).toMatchObject({
      clinicId: clinic.clinicId,
      phone: "+13125550101",
      email: "maya@example.com",
      timeZone: null,
      preferredLanguage: "es",
    });
    expect(patient.externalId).toMatch(/^P-[A-Z2-9]{8}$/);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, patient.id), eq(auditLog.action, "patient.create")));
    expect(audit?.after).toMatchObject({ mrn: patient.externalId, firstName: "Maya" });
  });

  test("an MRN in use is refused naming its patient; nothing is written; another clinic may use it", async () => {
    const holder = await createTestPatient(database.db, clinic.clinicId, { firstName: "Ruth", lastName: "Bader" });
    const input = details(
      { firstName: "New", lastName: "Person", dateOfBirth: "1970-01-01" },
      { mrn: holder.externalId },
    );
    await expect(
      database.db.transaction((tx) => createPatient(tx, { clinicId: clinic.clinicId, actor, input })),
    ).rejects.toMatchObject({
      code: "conflict",
      message: `MRN ${holder.externalId} is already used by Ruth Bader.`,
    });
    const same = await database.db
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinic.clinicId), eq(patients.externalId, holder.externalId)));
    expect(same).toHaveLength(1);
    const elsewhere = await database.db.transaction((tx) =>
      createPatient(tx, { clinicId: otherClinic.clinicId, actor, input }),
    );
    expect(elsewhere.externalId).toBe(holder.externalId);
  });
});

describe("editing a patient", () => {
  test("saves normalized contact, forgets a landline/bounce for a new number/address, audits before → after", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId, {
      phone: "+12025550143",
      phoneIsLandline: true,
      phoneUnusableReason: "Landline",
      emailUndeliverableAt: new Date(),
      emailUndeliverableReason: "Bounced",
      smsOptedOutAt: new Date("2026-11-01T00:00:00Z"),
    });
    const result = await database.db.transaction((tx) =>
      updatePatient(tx, {
        clinicId: clinic.clinicId,
        actor,
        patientId: patient.id,
        input: details(patient, {
          phone: "(312) 555-0199",
          email: "new@example.com",
          timeZone: "America/Chicago",
        }),
      }),
    );
    expect(result).toMatchObject({ contactChanged: true, changed: ["phone", "email", "timeZone"] });
    const [row] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(row).toMatchObject({
      phone: "+13125550199",
      email: "new@example.com",
      timeZone: "America/Chicago",
      phoneIsLandline: false,
      phoneUnusableReason: null,
      emailUndeliverableAt: null,
      externalId: patient.externalId,
    });
    expect(row?.smsOptedOutAt).not.toBeNull();
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, patient.id), eq(auditLog.action, "patient.update")));
    expect(audit).toMatchObject({
      before: { phone: "+12025550143", email: patient.email, timeZone: "America/New_York" },
      after: { phone: "+13125550199", email: "new@example.com", timeZone: "America/Chicago" },
      ip: "198.51.100.4",
    });
  });

  test("only the time zone changing still counts as a contact change (outreach re-plans)", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId);
    const result = await database.db.transaction((tx) =>
      updatePatient(tx, {
        clinicId: clinic.clinicId,
        actor,
        patientId: patient.id,
        input: details(patient, {
          phone: patient.phone ?? "",
          email: patient.email ?? "",
          timeZone: "America/Denver",
        }),
      }),
    );
    expect(result).toMatchObject({ contactChanged: true, changed: ["timeZone"] });
  });

  test("saving the same details changes nothing and writes no audit row", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId);
    const result = await database.db.transaction((tx) =>
      updatePatient(tx, {
        clinicId: clinic.clinicId,
        actor,
        patientId: patient.id,
        input: details(patient, { phone: patient.phone ?? "", email: patient.email ?? "" }),
      }),
    );
    expect(result.contactChanged).toBe(false);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.entityId, patient.id))).toHaveLength(0);
  });

  test("an MRN of another patient is refused; another clinic's patient is refused and unchanged", async () => {
    const holder = await createTestPatient(database.db, clinic.clinicId, { firstName: "Ida", lastName: "Wells" });
    const patient = await createTestPatient(database.db, clinic.clinicId);
    await expect(
      database.db.transaction((tx) =>
        updatePatient(tx, {
          clinicId: clinic.clinicId,
          actor,
          patientId: patient.id,
          input: details(patient, { mrn: holder.externalId }),
        }),
      ),
    ).rejects.toMatchObject({ code: "conflict", message: `MRN ${holder.externalId} is already used by Ida Wells.` });

    const foreign = await createTestPatient(database.db, otherClinic.clinicId);
    await expect(
      database.db.transaction((tx) =>
        updatePatient(tx, {
          clinicId: clinic.clinicId,
          actor,
          patientId: foreign.id,
          input: details(foreign, { email: "x@example.com" }),
        }),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    const [row] = await database.db.select().from(patients).where(eq(patients.id, foreign.id));
    expect(row?.email).toBe(foreign.email);
  });
});

describe("reads are scoped by clinic", () => {
  test("patients: search by name, MRN or phone digits; keyset pages; never another clinic's", async () => {
    const mine = await createTestPatient(database.db, clinic.clinicId, {
      firstName: "Zelda",
      lastName: "Quintero",
      phone: "+13035550111",
    });
    await createTestPatient(database.db, otherClinic.clinicId, { firstName: "Zelda", lastName: "Quintero" });
    expect(
      (await listPatients(database.db, { clinicId: clinic.clinicId, query: "zelda quin" })).rows.map((r) => r.id),
    ).toEqual([mine.id]);
    expect(
      (await listPatients(database.db, { clinicId: clinic.clinicId, query: mine.externalId })).rows.map((r) => r.id),
    ).toEqual([mine.id]);
    expect(
      (await listPatients(database.db, { clinicId: clinic.clinicId, query: "(303) 555-0111" })).rows.map((r) => r.id),
    ).toEqual([mine.id]);
    expect((await listPatients(database.db, { clinicId: clinic.clinicId, query: "100%_" })).rows).toEqual([]);

    const first = await listPatients(database.db, { clinicId: clinic.clinicId, limit: 2 });
    const second = await listPatients(database.db, { clinicId: clinic.clinicId, limit: 2, after: first.nextAfter });
    expect(first.nextAfter).not.toBeNull();
    expect(second.rows.map((r) => r.id)).not.toContain(first.rows[0]?.id);

    const foreign = await createTestPatient(database.db, otherClinic.clinicId);
    expect(await getPatient(database.db, { clinicId: clinic.clinicId, patientId: foreign.id })).toBeNull();
  });

  test("invoices: another clinic's invoice has no review and is not listed", async () => {
    const foreignPatient = await createTestPatient(database.db, otherClinic.clinicId);
    const foreign = await createTestInvoice(database.db, otherClinic, { patientId: foreignPatient.id });
    expect(await getInvoiceReview(database.db, { clinicId: clinic.clinicId, invoiceId: foreign.id })).toBeNull();
    const { rows } = await listInvoices(database.db, { clinicId: clinic.clinicId, limit: 100 });
    expect(rows.map((r) => r.id)).not.toContain(foreign.id);
    const review = await getInvoiceReview(database.db, { clinicId: otherClinic.clinicId, invoiceId: foreign.id });
    expect(review?.charges).toHaveLength(1);
  });
});
