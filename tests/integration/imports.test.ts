import { and, eq, isNotNull, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, importRows, imports, invoiceCharges, invoiceSets, invoices, patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { csvLines } from "@/lib/csv/csv-stream";
import { createImport } from "@/lib/imports/create-import";
import { runImportBatch } from "@/lib/imports/run-import-batch";
import { createTestClinic, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let actor: Actor;

const ROWS = 10_000;
const BAD = new Set([7, 42, 77]); // i % 100: 3% of rows
const HEADER = [
  "MRN",
  "First Name",
  "Last Name",
  "DOB",
  "Phone",
  "Email",
  "Service Date",
  "Description",
  "Code",
  "Qty",
  "Amount",
];

/** 2,000 patients × 5 charges; every 100 rows, three are bad in a rotating way and name patients of their own. */
function generateFile(): string {
  const rows: string[][] = [HEADER];
  for (let i = 0; i < ROWS; i += 1) {
    const group = Math.floor(i / 5);
    const row = [
      `IMP-${group}`,
      `Pat${group}`,
      `Imported${group}`,
      "1980-02-03",
      "(312) 555-0100",
      `p${group}@example.com`,
      "2026-10-01",
      `Visit ${i}`,
      "D1110",
      "1",
      "95.00",
    ];
    if (BAD.has(i % 100)) {
      row[0] = `BAD-${i}`;
      const kind = Math.floor(i / 100) % 4;
      if (kind === 0) row[3] = "not-a-date";
      if (kind === 1) row[4] = "123";
      if (kind === 2) row[10] = "abc";
      if (kind === 3) row[2] = "";
    }
    rows.push(row);
  }
  return csvLines(rows);
}

async function importAll(importId: string, issueInvoices = false) {
  let progress = await runImportBatch(database.db, { clinicId: clinic.clinicId, actor, importId, issueInvoices });
  let batches = 1;
  while (!progress.done) {
    progress = await runImportBatch(database.db, { clinicId: clinic.clinicId, actor, importId, issueInvoices });
    batches += 1;
  }
  return { progress, batches };
}

const upload = (fileText: string, fileName = "balances.csv") =>
  database.db.transaction((tx) => createImport(tx, { clinicId: clinic.clinicId, actor, fileName, fileText }));

const loadImport = async (id: string) => (await database.db.select().from(imports).where(eq(imports.id, id)))[0];

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Import Clinic");
  actor = { kind: "user", userId: clinic.users.biller.id, ip: "198.51.100.9" };
  // One patient exists already with another phone: the import updates them.
  await createTestPatient(database.db, clinic.clinicId, {
    externalId: "IMP-0",
    firstName: "Pat0",
    lastName: "Imported0",
    dateOfBirth: "1980-02-03",
    phone: "+12025550143",
    email: "p0@example.com",
  });
});

describe("CSV import of 10,000 rows with 3% bad rows", () => {
  let firstImportId = "";
  const file = generateFile();

  test("preview: exact counts, every bad row reported with its row number, nothing written yet", async () => {
    const before = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(patients)
      .where(eq(patients.clinicId, clinic.clinicId));
    const { importId } = await upload(file);
    firstImportId = importId;
    const preview = await loadImport(importId);
    expect(preview).toMatchObject({
      totalRows: 10_000,
      goodRows: 9_700,
      badRows: 300,
      newPatients: 1_999,
      updatedPatients: 1,
      newInvoices: 9_700,
      mapping: expect.objectContaining({ mrn: "MRN", date_of_birth: "DOB", quantity: "Qty", amount: "Amount" }),
    });
    const problems = await database.db
      .select({ rowNumber: importRows.rowNumber, problems: importRows.problems })
      .from(importRows)
      .where(and(eq(importRows.importId, importId), isNotNull(importRows.problems)))
      .orderBy(importRows.rowNumber);
    expect(problems).toHaveLength(300);
    expect(problems.slice(0, 3)).toEqual([
      { rowNumber: 9, problems: ["date of birth 'not-a-date' is not a date"] },
      { rowNumber: 44, problems: ["date of birth 'not-a-date' is not a date"] },
      { rowNumber: 79, problems: ["date of birth 'not-a-date' is not a date"] },
    ]);
    const kinds = new Set(problems.map((row) => row.problems?.[0]));
    expect(kinds).toEqual(
      new Set([
        "date of birth 'not-a-date' is not a date",
        "phone '123' is not a valid phone number",
        "amount 'abc' is not an amount like 125.00",
        "last name is missing",
      ]),
    );
    const after = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(patients)
      .where(eq(patients.clinicId, clinic.clinicId));
    expect(after).toEqual(before);
  });

  test("import: good rows written in batches of 1,000, bad rows not at all", async () => {
    const { progress, batches } = await importAll(firstImportId);
    expect(progress).toEqual({ importedRows: 9_700, goodRows: 9_700, done: true });
    expect(batches).toBe(10);
    const done = await loadImport(firstImportId);
    expect(done).toMatchObject({
      createdPatients: 1_999,
      changedPatients: 1,
      createdInvoices: 9_700,
      issuedInvoices: 0,
    });
    expect(done?.completedAt).not.toBeNull();

    const imported = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(patients)
      .where(and(eq(patients.clinicId, clinic.clinicId), like(patients.externalId, "IMP-%")));
    expect(imported[0]?.n).toBe(2_000);
    const bad = await database.db
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.clinicId, clinic.clinicId), like(patients.externalId, "BAD-%")));
    expect(bad).toEqual([]);
    const [updated] = await database.db
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinic.clinicId), eq(patients.externalId, "IMP-0")));
    expect(updated?.phone).toBe("+13125550100");

    const invoiceRows = await database.db
      .select({
        n: sql<number>`count(*)::int`,
        total: sql<number>`sum(total_cents)::int`,
        numbers: sql<number>`count(distinct number)::int`,
      })
      .from(invoices)
      .where(
        and(eq(invoices.clinicId, clinic.clinicId), isNotNull(invoices.importRowKey), eq(invoices.status, "draft")),
      );
    expect(invoiceRows[0]).toEqual({ n: 9_700, total: 9_700 * 9_500, numbers: 9_700 });
    const charges = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(invoiceCharges)
      .innerJoin(invoices, eq(invoices.id, invoiceCharges.invoiceId))
      .where(and(eq(invoices.clinicId, clinic.clinicId), isNotNull(invoices.importRowKey)));
    expect(charges[0]?.n).toBe(9_700);
    const audits = await database.db
      .select({ action: auditLog.action, n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.clinicId, clinic.clinicId))
      .groupBy(auditLog.action);
    expect(Object.fromEntries(audits.map((row) => [row.action, row.n]))).toMatchObject({
      "import.upload": 1,
      "import.complete": 1,
      "patient.create": 1_999,
      "patient.update": 1,
      "invoice.create": 9_700,
    });
  });

  test("re-importing the same file changes nothing", async () => {
    const snapshot = async () =>
      JSON.stringify(
        await database.db
          .select({ n: sql<number>`count(*)::int`, latest: sql<string>`max(updated_at)::text` })
          .from(patients)
          .where(eq(patients.clinicId, clinic.clinicId)),
      ) +
      JSON.stringify(
        await database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(invoices)
          .where(eq(invoices.clinicId, clinic.clinicId)),
      );
    const before = await snapshot();
    const { importId } = await upload(file, "balances-again.csv");
    expect(await loadImport(importId)).toMatchObject({
      goodRows: 9_700,
      badRows: 300,
      newPatients: 0,
      updatedPatients: 0,
      newInvoices: 0,
    });
    await importAll(importId);
    expect(await loadImport(importId)).toMatchObject({ createdPatients: 0, changedPatients: 0, createdInvoices: 0 });
    expect(await snapshot()).toBe(before);
  });
});

describe("CSV import: issuing", () => {
  test("a row marked issued, or every row with Issue invoices, is issued through the issue use case (set opened)", async () => {
    const file = csvLines([
      ["mrn", "first_name", "last_name", "date_of_birth", "service_date", "description", "code", "amount", "issue"],
      ["ISS-1", "Ana", "Issued", "3/4/1975", "2026-10-02", "Exam", "D0150", "80", "yes"],
      ["ISS-2", "Ben", "Draft", "1975-03-04", "2026-10-02", "Exam", "D0150", "80", ""],
      ["ISS-3", "Cy", "Patientonly", "1975-03-04", "", "", "", "", ""],
    ]);
    const { importId } = await upload(file, "issue.csv");
    expect(await loadImport(importId)).toMatchObject({ goodRows: 3, newPatients: 3, newInvoices: 2 });
    await importAll(importId);
    const rows = await database.db
      .select({ mrn: patients.externalId, status: invoices.status, setId: invoices.invoiceSetId })
      .from(invoices)
      .innerJoin(patients, eq(patients.id, invoices.patientId))
      .where(and(eq(invoices.clinicId, clinic.clinicId), like(patients.externalId, "ISS-%")))
      .orderBy(patients.externalId);
    expect(rows.map((row) => [row.mrn, row.status])).toEqual([
      ["ISS-1", "issued"],
      ["ISS-2", "draft"],
    ]);
    const [set] = await database.db
      .select()
      .from(invoiceSets)
      .where(eq(invoiceSets.id, rows[0]?.setId ?? ""));
    expect(set).toMatchObject({ status: "active", amountOutstandingCents: 8000 });
    expect(await loadImport(importId)).toMatchObject({ createdPatients: 3, createdInvoices: 2, issuedInvoices: 1 });
  });

  test("a file without the required columns is previewed only after mapping; an empty file is refused", async () => {
    await expect(upload("", "empty.csv")).rejects.toMatchObject({ code: "invalid_input" });
    const { importId } = await upload(
      csvLines([
        ["Patient", "Born"],
        ["X", "1970-01-01"],
      ]),
      "odd.csv",
    );
    expect(await loadImport(importId)).toMatchObject({ totalRows: 0, mapping: {} });
  });
});
