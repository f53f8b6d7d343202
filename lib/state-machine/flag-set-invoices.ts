import { sql } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { type Actor, actorIp, actorUserId } from "@/lib/actor";
import { INVOICE_TRANSITIONS } from "./invoice";

/**
 * Flags the open invoices of the given sets, set-based, for Write Off (bad_debt) and Send to
 * Collections (sent_to_collections). Which invoices qualify comes from the invoice table:
 * the statuses Mark Bad Debt is allowed from (issued, partially paid) — paid, voided and
 * draft invoices are left alone — and an invoice already flagged is not flagged again
 * (Mark Bad Debt's own refusal). One UPDATE plus one timeline event and one audit row per
 * flagged invoice, in the same statement, inside the caller's transaction.
 */
export async function flagSetInvoices(
  tx: Tx,
  request: {
    clinicId: string;
    invoiceSetIds: readonly string[];
    flag: "bad_debt" | "sent_to_collections";
    actor: Actor;
  },
): Promise<{ flagged: number }> {
  const { clinicId, flag, actor } = request;
  if (request.invoiceSetIds.length === 0) return { flagged: 0 };
  const statuses = INVOICE_TRANSITIONS.mark_bad_debt.from;
  const column = flag === "bad_debt" ? sql.raw("bad_debt") : sql.raw("sent_to_collections");
  const action = flag === "bad_debt" ? "mark_bad_debt" : "send_to_collections";
  const label = flag === "bad_debt" ? "Mark Bad Debt" : "Sent to Collections";
  const now = new Date().toISOString();
  const rows = await executeRows<{ id: string }>(
    tx,
    sql`
    with updated as (
      update invoices set ${column} = true, updated_at = ${now}::timestamptz
      where clinic_id = ${clinicId}::uuid
        and invoice_set_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(request.invoiceSetIds)}::jsonb))
        and status::text in (select value from jsonb_array_elements_text(${JSON.stringify(statuses)}::jsonb))
        and ${column} = false
      returning id, invoice_set_id, number, status
    ),
    timeline as (
      insert into timeline_events (clinic_id, invoice_set_id, invoice_id, kind, actor_kind, actor_user_id, summary, details, occurred_at)
      select ${clinicId}::uuid, u.invoice_set_id, u.id, 'status_change', ${actor.kind}::actor_kind, ${actorUserId(actor)}::uuid,
        'Invoice #' || u.number || ' — ' || ${label}::text, jsonb_build_object('action', ${action}::text, 'from', u.status, 'to', u.status),
        ${now}::timestamptz
      from updated u
    ),
    audit as (
      insert into audit_log (clinic_id, actor_kind, user_id, action, entity_type, entity_id, before, after, ip, created_at)
      select ${clinicId}::uuid, ${actor.kind}::actor_kind, ${actorUserId(actor)}::uuid, ${`invoice.${action}`}::text, 'invoice', u.id,
        jsonb_build_object(${flag}::text, false), jsonb_build_object(${flag}::text, true), ${actorIp(actor)}::text, ${now}::timestamptz
      from updated u
    )
    select id from updated`,
  );
  return { flagged: rows.length };
}
