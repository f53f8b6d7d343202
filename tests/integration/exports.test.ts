import { parse } from "csv-parse/sync";
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { csvResponse } from "@/lib/csv/csv-stream";
import { exportInvoiceSets, INVOICE_SET_EXPORT_HEADER } from "@/lib/exports/export-invoice-sets";
import { exportPatients, PATIENT_EXPORT_HEADER } from "@/lib/exports/export-patients";
import { loadInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let actor: Actor;
const SETS = 2_345;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Export Clinic");
  await createTestClinic(database.db, "Other Clinic");
  actor = { kind: "user", userId: clinic.users.viewer.id };
  // Set-based test data: one patient and one set each, every third paused, amounts varied.
  await database.db.execute(sql`
    with p as (
      insert into patients (clinic_id, external_id, first_name, last_name, date_of_birth, time_zone)
      select ${clinic.clinicId}::uuid, 'EXP-' || g, 'First' || g, 'Last' || lpad(g::text, 5, '0'), '1980-01-01', 'America/New_York'
      from generate_series(1, ${SETS}) g
      returning id, external_id
    )
    insert into invoice_sets (clinic_id, patient_id, status, rule_set_id, amount_outstanding_cents, created_at)
    select ${clinic.clinicId}::uuid, p.id,
      (case when substr(p.external_id, 5)::int % 3 = 0 then 'paused' else 'active' end)::invoice_set_status,
      ${clinic.ruleSetId}::uuid, substr(p.external_id, 5)::int * 100, now() - (substr(p.external_id, 5)::int || ' minutes')::interval
    from p`);
});

async function download(response: Response): Promise<string[][]> {
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  return parse(await response.text());
}

describe("CSV export", () => {
  test("Invoice Management: exactly the filtered list across every page, in the page's order, audited", async () => {
    const search = loadInvoiceSetSearchParams("?status=paused&amountMin=100&sort=amount&dir=asc&size=25");
    const next = await exportInvoiceSets(database.db, {
      clinicId: clinic.clinicId,
      actor,
      timeZone: "America/New_York",
      search,
    });
    const [header, ...rows] = await download(csvResponse("sets.csv", INVOICE_SET_EXPORT_HEADER, next));
    expect(header).toEqual([...INVOICE_SET_EXPORT_HEADER]);

    const expected = await database.db
      .select({ id: invoiceSets.id })
      .from(invoiceSets)
      .where(
        and(
          eq(invoiceSets.clinicId, clinic.clinicId),
          eq(invoiceSets.status, "paused"),
          sql`${invoiceSets.amountOutstandingCents} >= 10000`,
        ),
      )
      .orderBy(invoiceSets.amountOutstandingCents, invoiceSets.id);
    const pausedFromOneHundred = Array.from({ length: SETS }, (_, i) => i + 1).filter((g) => g % 3 === 0 && g >= 100);
    expect(expected).toHaveLength(pausedFromOneHundred.length);
    expect(rows.map((row) => row[0])).toEqual(expected.map((row) => row.id));
    expect(rows[0]).toEqual([
      expected[0]?.id,
      "Paused",
      "102.00",
      "Last00102, First102",
      "EXP-102",
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      "",
      "Standard",
    ]);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, clinic.clinicId), eq(auditLog.action, "invoice_set.export")));
    expect(audit?.after).toMatchObject({ filters: { status: ["paused"], amountMin: 10000 } });
  });

  test("patients: the search applied, every row once; a formula-looking name is neutralized", async () => {
    await createTestPatient(database.db, clinic.clinicId, {
      firstName: "=HYPERLINK(1)",
      lastName: "Zz Formula",
      externalId: "EXP-F",
    });
    const next = await exportPatients(database.db, { clinicId: clinic.clinicId, actor, query: "" });
    const [header, ...rows] = await download(csvResponse("patients.csv", PATIENT_EXPORT_HEADER, next));
    expect(header).toEqual([...PATIENT_EXPORT_HEADER]);
    const all = await database.db
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.clinicId, clinic.clinicId));
    expect(rows).toHaveLength(all.length);
    expect(new Set(rows.map((row) => row[0])).size).toBe(all.length);
    expect(rows.find((row) => row[0] === "EXP-F")?.[1]).toBe("'=HYPERLINK(1)");

    const searched = await exportPatients(database.db, { clinicId: clinic.clinicId, actor, query: "EXP-1234" });
    const [, ...found] = await download(csvResponse("patients.csv", PATIENT_EXPORT_HEADER, searched));
    expect(found.map((row) => row[0])).toEqual(["EXP-1234"]);
  });

  test("a NUL byte in an export's search is dropped: the export runs and its audit row is written", async () => {
    const searched = await exportPatients(database.db, { clinicId: clinic.clinicId, actor, query: "EXP-\u00001234" });
    const [, ...found] = await download(csvResponse("patients.csv", PATIENT_EXPORT_HEADER, searched));
    expect(found.map((row) => row[0])).toEqual(["EXP-1234"]);
    const sets = await exportInvoiceSets(database.db, {
      clinicId: clinic.clinicId,
      actor,
      timeZone: "UTC",
      search: loadInvoiceSetSearchParams("?q=a%00b"),
    });
    await download(csvResponse("sets.csv", INVOICE_SET_EXPORT_HEADER, sets));
    const [row] = await database.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, clinic.clinicId), eq(auditLog.action, "patient.export")))
      .orderBy(desc(auditLog.createdAt))
      .limit(1);
    expect(row?.after).toEqual({ q: "EXP-1234" });
  });

  test("an empty filter result is just the header", async () => {
    await createTestInvoiceSet(database.db, clinic, { status: "cancelled" });
    const search = loadInvoiceSetSearchParams("?q=no-such-patient-anywhere");
    const next = await exportInvoiceSets(database.db, { clinicId: clinic.clinicId, actor, timeZone: "UTC", search });
    expect(await download(csvResponse("sets.csv", INVOICE_SET_EXPORT_HEADER, next))).toEqual([
      [...INVOICE_SET_EXPORT_HEADER],
    ]);
  });
});
