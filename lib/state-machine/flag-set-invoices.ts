import { sql } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoices } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { insertAuditRowsSql } from "@/lib/audit/record-audit";
import { insertTimelineRowsSql } from "@/lib/timeline/record-timeline-event";
import { INVOICE_TRANSITIONS, invoiceFlagOf } from "./invoice";
import { invoiceFlagSummarySql, invoiceStatusListSql } from "./invoice-status-sql";

/**
 * Flags the open invoices of the given sets, set-based: Write Off runs the invoice table's
 * mark_bad_debt on them, Send to Collections its send_to_collections. Which invoices qualify
 * and the flag written come from the table (the statuses the action is allowed from; an
 * invoice already flagged is refused, so left alone). One UPDATE plus one timeline event and
 * one audit row per flagged invoice, shaped like transitionInvoice's, in the same statement,
 * inside the caller's transaction.
 */
export async function flagSetInvoices(
  tx: Tx,
  request: {
    clinicId: string;
    invoiceSetIds: readonly string[];
    action: "mark_bad_debt" | "send_to_collections";
    actor: Actor;
  },
): Promise<{ flagged: number }> {
  const { clinicId, action, actor } = request;
  if (request.invoiceSetIds.length === 0) return { flagged: 0 };
  const rule = INVOICE_TRANSITIONS[action];
  const { flag, value } = invoiceFlagOf(action);
  const column = sql.identifier(invoices[flag].name);
  const at = sql`${new Date().toISOString()}::timestamptz`;
  const rows = await executeRows<{ id: string }>(
    tx,
    sql`
    with updated as (
      update invoices set ${column} = ${value}::boolean, updated_at = ${at}
      where clinic_id = ${clinicId}::uuid
        and invoice_set_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(request.invoiceSetIds)}::jsonb))
        and status in ${invoiceStatusListSql(rule.from)}
        and ${column} <> ${value}::boolean
      returning id, invoice_set_id, number, status
    ),
    timeline as (${insertTimelineRowsSql({
      from: sql`updated u`,
      clinicId: sql`${clinicId}::uuid`,
      invoiceSetId: sql`u.invoice_set_id`,
      invoiceId: sql`u.id`,
      kind: "status_change",
      actor,
      summary: invoiceFlagSummarySql({ number: sql`u.number`, label: sql`${rule.label}::text`, status: sql`u.status` }),
      details: sql`jsonb_build_object('action', ${action}::text, 'from', u.status, 'to', u.status)`,
      at,
    })}),
    audit as (${insertAuditRowsSql({
      from: sql`updated u`,
      clinicId: sql`${clinicId}::uuid`,
      actor,
      action: sql`${`invoice.${action}`}::text`,
      entityType: "invoice",
      entityId: sql`u.id`,
      before: sql`jsonb_build_object('status', u.status, ${flag}::text, ${!value}::boolean)`,
      after: sql`jsonb_build_object('status', u.status, ${flag}::text, ${value}::boolean)`,
      at,
    })})
    select id from updated`,
  );
  return { flagged: rows.length };
}
