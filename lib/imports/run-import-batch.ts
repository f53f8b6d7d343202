import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { importRows, imports } from "@/db/schema";
import { invoiceSetActivated, patientContactChanged } from "@/inngest/events";
import type { Actor } from "@/lib/actor";
import { insertAuditRowsSql, recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { publishEvents } from "@/lib/events/publish-events";
import { issueInvoice } from "@/lib/invoices/issue-invoice";
import type { ImportRowData } from "./validate-import-row";

export const IMPORT_BATCH_SIZE = 1000;

export interface ImportProgress {
  importedRows: number;
  goodRows: number;
  done: boolean;
}

/**
 * Writes the next batch of good rows in one transaction: patients created or updated by MRN
 * (set-based upsert that leaves unchanged patients alone), one draft invoice with one charge
 * per charge row (skipping charges an earlier import already wrote), audit rows, and — when
 * the file or "Issue invoices" says so — issue through the issue use case, which opens sets.
 * Bad rows were never staged as good, so nothing of them is written. Events go out after commit.
 */
export async function runImportBatch(
  db: Db,
  params: { clinicId: string; actor: Actor; importId: string; issueInvoices: boolean },
): Promise<ImportProgress> {
  const { clinicId, actor, importId } = params;
  const outcome = await db.transaction(async (tx) => {
    const [file] = await tx
      .select()
      .from(imports)
      .where(and(eq(imports.id, importId), eq(imports.clinicId, clinicId)))
      .for("update");
    if (!file) throw new AppError("not_found", "This import was not found.");
    if (file.completedAt) return { file, events: [], done: true };
    const issueAll = file.startedAt ? file.issueInvoices : params.issueInvoices;
    const rows = await tx
      .select({ rowNumber: importRows.rowNumber, data: importRows.data })
      .from(importRows)
      .where(
        and(
          eq(importRows.importId, importId),
          isNull(importRows.problems),
          gt(importRows.rowNumber, file.lastRowNumber),
        ),
      )
      .orderBy(importRows.rowNumber)
      .limit(IMPORT_BATCH_SIZE);
    const data = rows.map((row) => ({ rowNumber: row.rowNumber, ...(row.data as unknown as ImportRowData) }));
    const people = await upsertPatients(tx, clinicId, actor, importId, data);
    const created = await insertInvoices(tx, clinicId, actor, importId, data);
    const opened: string[] = [];
    let issued = 0;
    for (const invoice of created.filter((row) => (row.issue || issueAll) && row.total_cents > 0)) {
      const result = await issueInvoice(tx, { clinicId, invoiceId: invoice.id, actor });
      issued += 1;
      if (result.openedInvoiceSet) opened.push(result.invoiceSet.invoiceSetId);
    }
    const done = rows.length < IMPORT_BATCH_SIZE;
    const [updated] = await tx
      .update(imports)
      .set({
        issueInvoices: issueAll,
        startedAt: file.startedAt ?? new Date(),
        lastRowNumber: rows.at(-1)?.rowNumber ?? file.lastRowNumber,
        importedRows: sql`${imports.importedRows} + ${rows.length}`,
        createdPatients: sql`${imports.createdPatients} + ${people.filter((p) => p.inserted).length}`,
        changedPatients: sql`${imports.changedPatients} + ${people.filter((p) => !p.inserted).length}`,
        createdInvoices: sql`${imports.createdInvoices} + ${created.length}`,
        issuedInvoices: sql`${imports.issuedInvoices} + ${issued}`,
        ...(done ? { completedAt: new Date() } : {}),
      })
      .where(eq(imports.id, importId))
      .returning();
    if (!updated) throw new AppError("not_found", "This import was not found.");
    if (done) {
      await recordAudit(tx, {
        clinicId,
        actor,
        action: "import.complete",
        entityType: "import",
        entityId: importId,
        after: {
          fileName: updated.fileName,
          rows: updated.importedRows,
          rejectedRows: updated.badRows,
          createdPatients: updated.createdPatients,
          changedPatients: updated.changedPatients,
          createdInvoices: updated.createdInvoices,
          issuedInvoices: updated.issuedInvoices,
        },
      });
    }
    const events = [
      ...opened.map((invoiceSetId) => invoiceSetActivated.create({ clinicId, invoiceSetId })),
      ...people.filter((p) => !p.inserted).map((p) => patientContactChanged.create({ clinicId, patientId: p.id })),
    ];
    return { file: updated, events, done };
  });
  await publishEvents(outcome.events);
  return { importedRows: outcome.file.importedRows, goodRows: outcome.file.goodRows, done: outcome.done };
}

type Row = ImportRowData & { rowNumber: number };

async function upsertPatients(tx: Tx, clinicId: string, actor: Actor, importId: string, rows: Row[]) {
  if (rows.length === 0) return [];
  const json = JSON.stringify(
    rows.map((r) => ({
      mrn: r.mrn,
      first_name: r.firstName,
      last_name: r.lastName,
      dob: r.dateOfBirth,
      phone: r.phone,
      email: r.email,
      time_zone: r.timeZone,
    })),
  );
  return executeRows<{ id: string; inserted: boolean }>(
    tx,
    sql`
    with src as (
      select distinct on (r.mrn) r.* from jsonb_to_recordset(${json}::jsonb)
        as r(mrn text, first_name text, last_name text, dob date, phone text, email text, time_zone text) order by r.mrn
    ), up as (
      insert into patients as p (clinic_id, external_id, first_name, last_name, date_of_birth, phone, email, time_zone)
      select ${clinicId}::uuid, mrn, first_name, last_name, dob, phone, email, time_zone
      from src
      on conflict (clinic_id, external_id) do update set
        first_name = excluded.first_name, last_name = excluded.last_name, date_of_birth = excluded.date_of_birth,
        phone = coalesce(excluded.phone, p.phone), email = coalesce(excluded.email, p.email),
        time_zone = coalesce(excluded.time_zone, p.time_zone),
        phone_is_landline = case when excluded.phone is distinct from p.phone and excluded.phone is not null then false else p.phone_is_landline end,
        phone_unusable_reason = case when excluded.phone is distinct from p.phone and excluded.phone is not null then null else p.phone_unusable_reason end,
        email_undeliverable_at = case when excluded.email is distinct from p.email and excluded.email is not null then null else p.email_undeliverable_at end,
        email_undeliverable_reason = case when excluded.email is distinct from p.email and excluded.email is not null then null else p.email_undeliverable_reason end,
        updated_at = now()
      where (p.first_name, p.last_name, p.date_of_birth, p.phone, p.email, p.time_zone) is distinct from
        (excluded.first_name, excluded.last_name, excluded.date_of_birth, coalesce(excluded.phone, p.phone),
          coalesce(excluded.email, p.email), coalesce(excluded.time_zone, p.time_zone))
      returning p.id, p.external_id, (xmax = 0) as inserted
    ), audit as (
      ${insertAuditRowsSql({
        from: sql`up`,
        clinicId: sql`${clinicId}::uuid`,
        actor,
        action: sql`case when up.inserted then 'patient.create' else 'patient.update' end`,
        entityType: "patient",
        entityId: sql`up.id`,
        before: sql`null::jsonb`,
        after: sql`jsonb_build_object('importId', ${importId}::text, 'mrn', up.external_id)`,
        at: sql`now()`,
      })}
    )
    select id, inserted from up`,
  );
}

async function insertInvoices(tx: Tx, clinicId: string, actor: Actor, importId: string, rows: Row[]) {
  const charges = rows.flatMap((r) => (r.charge ? [{ row_number: r.rowNumber, mrn: r.mrn, ...r.charge }] : []));
  if (charges.length === 0) return [];
  const json = JSON.stringify(charges);
  return executeRows<{ id: string; issue: boolean; total_cents: number }>(
    tx,
    sql`
    with src as (
      select r.*, row_number() over (order by r.row_number) as n
      from jsonb_to_recordset(${json}::jsonb) as r(row_number int, mrn text, "rowKey" text, "serviceDate" date, "dueDate" date,
        code text, description text, quantity int, "unitPriceCents" int, "clinicianId" uuid, issue boolean)
      where not exists (select 1 from invoices i where i.clinic_id = ${clinicId}::uuid and i.import_row_key = r."rowKey")
    ), numbered as (
      update clinics set next_invoice_number = next_invoice_number + (select count(*) from src)::int
      where id = ${clinicId}::uuid returning next_invoice_number - (select count(*) from src)::int as first
    ), ins as (
      insert into invoices (clinic_id, number, patient_id, clinician_id, status, service_date, due_date, total_cents, import_row_key)
      select ${clinicId}::uuid, (select first from numbered) + src.n::int - 1, p.id, src."clinicianId", 'draft', src."serviceDate",
        src."dueDate", src.quantity * src."unitPriceCents", src."rowKey"
      from src join patients p on p.clinic_id = ${clinicId}::uuid and p.external_id = src.mrn
      on conflict do nothing
      returning id, number, import_row_key, total_cents
    ), charges as (
      insert into invoice_charges (clinic_id, invoice_id, position, code, description, quantity, unit_price_cents)
      select ${clinicId}::uuid, ins.id, 0, src.code, src.description, src.quantity, src."unitPriceCents"
      from ins join src on src."rowKey" = ins.import_row_key
    ), audit as (
      ${insertAuditRowsSql({
        from: sql`ins`,
        clinicId: sql`${clinicId}::uuid`,
        actor,
        action: sql`'invoice.create'`,
        entityType: "invoice",
        entityId: sql`ins.id`,
        before: sql`null::jsonb`,
        after: sql`jsonb_build_object('status', 'draft', 'number', ins.number, 'totalCents', ins.total_cents, 'charges', 1, 'importId', ${importId}::text)`,
        at: sql`now()`,
      })}
    )
    select ins.id, src.issue, ins.total_cents from ins join src on src."rowKey" = ins.import_row_key order by ins.number`,
  );
}
