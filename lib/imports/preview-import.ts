import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { clinicians, importRows, imports } from "@/db/schema";
import { MAX_IMPORT_ROWS, readCsvRecords } from "@/lib/csv/read-csv";
import { AppError } from "@/lib/errors";
import { IMPORT_FIELD_NAMES, type ImportField, REQUIRED_IMPORT_FIELDS } from "./import-columns";
import { type ImportRowData, validateImportRow } from "./validate-import-row";

const INSERT_BATCH = 1000;

/**
 * Reads the file with the import's column mapping, validates every row and stores them
 * (normalized, or with their problems) for the preview and the import. A row whose MRN
 * repeats with another name or birth date, or that repeats another row's charge, is bad.
 * Then counts what importing would do: new patients, changed patients, new invoices
 * (charges already imported from an earlier file count as nothing).
 */
export async function previewImport(db: Executor, params: { clinicId: string; importId: string }) {
  const { clinicId, importId } = params;
  const [file] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.clinicId, clinicId)));
  if (!file) throw new AppError("not_found", "This import was not found.");
  if (file.startedAt)
    throw new AppError("invalid_transition", "This file is already being imported; its preview can't change.");
  const missing = REQUIRED_IMPORT_FIELDS.filter((field) => !file.mapping[field]);
  if (missing.length) throw new AppError("invalid_input", `Map a column to ${missing.join(", ")} to preview.`);

  const clinicianRows = await db
    .select({ id: clinicians.id, name: clinicians.name })
    .from(clinicians)
    .where(eq(clinicians.clinicId, clinicId));
  const clinicianIds = new Map(clinicianRows.map((row) => [row.name.toLowerCase(), row.id]));
  const columnOf = new Map(
    IMPORT_FIELD_NAMES.flatMap((field) => {
      const index = file.headers.indexOf(file.mapping[field] ?? "\u0000");
      return index >= 0 ? [[field, index] as const] : [];
    }),
  );

  await db.delete(importRows).where(eq(importRows.importId, importId));
  const people = new Map<string, { row: number; identity: string }>();
  const charges = new Map<string, number>();
  let batch: (typeof importRows.$inferInsert)[] = [];
  let rowNumber = 0;
  let total = 0;
  let bad = 0;
  for await (const record of readCsvRecords(file.fileText)) {
    rowNumber += 1;
    if (rowNumber === 1) continue; // the header
    total += 1;
    if (total > MAX_IMPORT_ROWS) {
      throw new AppError(
        "invalid_input",
        `This file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows; split it.`,
      );
    }
    const raw: Partial<Record<ImportField, string>> = {};
    for (const [field, index] of columnOf) raw[field] = record[index] ?? "";
    const result = validateImportRow(raw, clinicianIds);
    const problems = result.ok ? duplicateProblems(result.data, rowNumber, people, charges) : result.problems;
    if (problems.length) bad += 1;
    batch.push({
      importId,
      rowNumber,
      data: result.ok && !problems.length ? (result.data as unknown as Record<string, unknown>) : raw,
      problems: problems.length ? problems : null,
    });
    if (batch.length === INSERT_BATCH) {
      await db.insert(importRows).values(batch);
      batch = [];
    }
  }
  if (batch.length) await db.insert(importRows).values(batch);

  const [counts] = await executeRows<{ new_patients: number; updated_patients: number; new_invoices: number }>(
    db,
    sql`
    with good as (select data from import_rows where import_id = ${importId}::uuid and problems is null),
    people as (select distinct on (data->>'mrn') data from good order by data->>'mrn')
    select
      (select count(*)::int from people g where not exists (
        select 1 from patients p where p.clinic_id = ${clinicId}::uuid and p.external_id = g.data->>'mrn')) as new_patients,
      (select count(*)::int from people g join patients p on p.clinic_id = ${clinicId}::uuid and p.external_id = g.data->>'mrn'
        where (p.first_name, p.last_name, p.date_of_birth::text, p.phone, p.email, p.time_zone) is distinct from
          (g.data->>'firstName', g.data->>'lastName', g.data->>'dateOfBirth', coalesce(g.data->>'phone', p.phone),
            coalesce(g.data->>'email', p.email), coalesce(g.data->>'timeZone', p.time_zone))) as updated_patients,
      (select count(*)::int from good g where g.data->'charge' <> 'null'::jsonb and not exists (
        select 1 from invoices i where i.clinic_id = ${clinicId}::uuid and i.import_row_key = g.data->'charge'->>'rowKey')) as new_invoices`,
  );
  const summary = {
    totalRows: total,
    goodRows: total - bad,
    badRows: bad,
    newPatients: counts?.new_patients ?? 0,
    updatedPatients: counts?.updated_patients ?? 0,
    newInvoices: counts?.new_invoices ?? 0,
  };
  await db.update(imports).set(summary).where(eq(imports.id, importId));
  return summary;
}

/** The same MRN must be the same person; the same charge must not come twice. */
function duplicateProblems(
  data: ImportRowData,
  rowNumber: number,
  people: Map<string, { row: number; identity: string }>,
  charges: Map<string, number>,
): string[] {
  const problems: string[] = [];
  const identity = `${data.firstName}|${data.lastName}|${data.dateOfBirth}`.toLowerCase();
  const seen = people.get(data.mrn);
  if (seen && seen.identity !== identity) {
    problems.push(`MRN '${data.mrn}' has a different name or date of birth than row ${seen.row}`);
  } else if (!seen) people.set(data.mrn, { row: rowNumber, identity });
  if (data.charge) {
    const first = charges.get(data.charge.rowKey);
    if (first) problems.push(`repeats the charge of row ${first}`);
    else charges.set(data.charge.rowKey, rowNumber);
  }
  return problems;
}
