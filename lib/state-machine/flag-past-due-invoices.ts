import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { SYSTEM } from "@/lib/actor";
import { insertAuditRowsSql } from "@/lib/audit/record-audit";
import { insertTimelineRowsSql } from "@/lib/timeline/record-timeline-event";
import { INVOICE_TRANSITIONS } from "./invoice";
import { invoiceFlagSummarySql, invoiceStatusListSql } from "./invoice-status-sql";

/**
 * Past Due, for every clinic, in ONE statement (design.md: bulk changes are set-based):
 * flags issued / partially paid invoices whose due date has passed (in the clinic's time
 * zone) with a balance, clears the flag where that no longer holds (paid, voided), and
 * writes one timeline event and one audit row per changed invoice in the same statement.
 * The statuses come from the state machine's flag_past_due / clear_past_due rules, and the
 * WHERE repeats their refusals (already flagged, no balance), so it decides nothing the
 * table would not. Idempotent: a second run finds nothing to change.
 */
export async function flagPastDueInvoices(
  db: Executor,
  now: Date = new Date(),
): Promise<{ flagged: number; cleared: number }> {
  const flag = INVOICE_TRANSITIONS.flag_past_due;
  const clear = INVOICE_TRANSITIONS.clear_past_due;
  const at = sql`${now.toISOString()}::timestamptz`;
  const stillPastDue = sql`i.status in ${invoiceStatusListSql(flag.from)} and i.total_cents > i.paid_cents and i.due_date < (${at} at time zone c.time_zone)::date`;

  const [counts] = await executeRows<{ flagged: number; cleared: number }>(
    db,
    sql`
    with flagged as (
      update invoices i set past_due = true, updated_at = ${at}
      from clinics c
      where c.id = i.clinic_id and i.past_due = false and ${stillPastDue}
      returning i.id, i.clinic_id, i.invoice_set_id, i.number, i.status, 'flag_past_due' as action, ${flag.label}::text as label, true as past_due
    ),
    cleared as (
      update invoices i set past_due = false, updated_at = ${at}
      from clinics c
      where c.id = i.clinic_id and i.past_due = true and i.status in ${invoiceStatusListSql(clear.from)} and not (${stillPastDue})
      returning i.id, i.clinic_id, i.invoice_set_id, i.number, i.status, 'clear_past_due' as action, ${clear.label}::text as label, false as past_due
    ),
    changed as (select * from flagged union all select * from cleared),
    timeline as (${insertTimelineRowsSql({
      from: sql`changed`,
      clinicId: sql`clinic_id`,
      invoiceSetId: sql`invoice_set_id`,
      invoiceId: sql`id`,
      kind: "status_change",
      actor: SYSTEM,
      summary: invoiceFlagSummarySql({ number: sql`number`, label: sql`label`, status: sql`status` }),
      details: sql`jsonb_build_object('action', action, 'from', status, 'to', status)`,
      at,
    })}),
    audit as (${insertAuditRowsSql({
      from: sql`changed`,
      clinicId: sql`clinic_id`,
      actor: SYSTEM,
      action: sql`'invoice.' || action`,
      entityType: "invoice",
      entityId: sql`id`,
      before: sql`jsonb_build_object('status', status, 'pastDue', not past_due)`,
      after: sql`jsonb_build_object('status', status, 'pastDue', past_due)`,
      at,
    })})
    select (select count(*) from flagged)::int as flagged, (select count(*) from cleared)::int as cleared
  `,
  );
  return { flagged: Number(counts?.flagged ?? 0), cleared: Number(counts?.cleared ?? 0) };
}
