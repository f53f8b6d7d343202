import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { INVOICE_TRANSITIONS } from "@/lib/state-machine/invoice";
import { INVOICE_STATUS_LABELS, INVOICE_STATUSES, type InvoiceStatus } from "@/lib/state-machine/statuses";

/** `('issued', 'partially_paid')` from the table, as literals so the partial index on candidates matches. */
function statusList(statuses: readonly InvoiceStatus[]): SQL {
  const safe = statuses.filter((status) => (INVOICE_STATUSES as readonly string[]).includes(status));
  return sql.raw(`(${safe.map((status) => `'${status}'`).join(", ")})`);
}

const STATUS_LABEL_CASE = sql.raw(
  `case status ${INVOICE_STATUSES.map((status) => `when '${status}' then '${INVOICE_STATUS_LABELS[status]}'`).join(" ")} end`,
);

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
  const stillPastDue = sql`i.status in ${statusList(flag.from)} and i.total_cents > i.paid_cents and i.due_date < (${at} at time zone c.time_zone)::date`;

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
      where c.id = i.clinic_id and i.past_due = true and i.status in ${statusList(clear.from)} and not (${stillPastDue})
      returning i.id, i.clinic_id, i.invoice_set_id, i.number, i.status, 'clear_past_due' as action, ${clear.label}::text as label, false as past_due
    ),
    changed as (select * from flagged union all select * from cleared),
    timeline as (
      insert into timeline_events (clinic_id, invoice_set_id, invoice_id, kind, actor_kind, summary, details, occurred_at)
      select clinic_id, invoice_set_id, id, 'status_change', 'system',
        'Invoice #' || number || ' — ' || label || ': ' || ${STATUS_LABEL_CASE},
        jsonb_build_object('action', action, 'from', status, 'to', status), ${at}
      from changed
    ),
    audit as (
      insert into audit_log (clinic_id, actor_kind, action, entity_type, entity_id, before, after, created_at)
      select clinic_id, 'system', 'invoice.' || action, 'invoice', id,
        jsonb_build_object('status', status, 'pastDue', not past_due), jsonb_build_object('status', status, 'pastDue', past_due), ${at}
      from changed
    )
    select (select count(*) from flagged)::int as flagged, (select count(*) from cleared)::int as cleared
  `,
  );
  return { flagged: Number(counts?.flagged ?? 0), cleared: Number(counts?.cleared ?? 0) };
}
