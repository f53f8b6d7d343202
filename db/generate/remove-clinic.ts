import type { Executor } from "@/db/connect";
import { run, withAuditLogWritable } from "./raw-sql";

/**
 * Tables holding the rows of a clinic the generator or a bench made (no payment plans, cards
 * or staff of its own), children first.
 */
export const CLINIC_TABLES = [
  "overview_collection_days",
  "overview_funnel_days",
  "overview_result_days",
  "overview_settled",
  "timeline_events",
  "messages",
  "patient_links",
  "payments",
  "invoice_charges",
  "invoices",
  "audit_log",
  "invoice_sets",
  // After invoice_sets: deleting its open sets appends aging changes.
  "overview_aging_changes",
  "overview_aging_days",
  "invoice_set_status_changes",
  "invoice_set_status_counts",
  "imports",
  "patients",
  "rules",
  "rule_sets",
  "clinicians",
  "memberships",
] as const;

/**
 * Deletes such a clinic and everything it holds, its engine jobs too (audit rows included: a
 * generated or scratch clinic's history is not a real one's). A statement per table: slow
 * for a big clinic, fine for a bench's scratch clinic.
 */
export async function removeClinic(db: Executor, clinicId: string): Promise<void> {
  const c = `'${clinicId}'`;
  await run(db, `DELETE FROM outreach_jobs WHERE data->>'clinicId' = ${c}`);
  await withAuditLogWritable(db, async () => {
    await run(db, `UPDATE invoices SET invoice_set_id = NULL WHERE clinic_id = ${c}`);
    for (const table of CLINIC_TABLES) await run(db, `DELETE FROM ${table} WHERE clinic_id = ${c}`);
  });
  await run(db, `DELETE FROM clinics WHERE id = ${c}`);
}
