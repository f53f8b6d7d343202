import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { type InvoiceSet, invoiceSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { insertAuditRowsSql } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { revokePatientLinksForSets } from "@/lib/patient-links/revoke-patient-links";
import { insertTimelineRowsSql } from "@/lib/timeline/record-timeline-event";
import { endPaymentPlansOfClosedSets } from "./end-payment-plans";
import { INVOICE_SET_TRANSITIONS } from "./invoice-set";
import {
  type InvoiceSetPlanRequest,
  type InvoiceSetRowContext,
  planInvoiceSetTransition,
} from "./plan-invoice-set-transition";
import type { InvoiceSetStatus } from "./statuses";

export interface BulkInvoiceSetTransitionRequest extends InvoiceSetPlanRequest {
  clinicId: string;
  ids: readonly string[];
  actor: Actor;
  /** Facts per locked row, looked up once for all of them (never a query per row). */
  contextFor?: (rows: InvoiceSet[]) => Promise<Map<string, InvoiceSetRowContext>>;
  /** The moment the change happens; a scheduled pass passes its own `now`. */
  now?: Date;
}

export interface BulkInvoiceSetTransitionResult {
  /** `set` is the row as written. */
  changed: { id: string; from: InvoiceSetStatus; to: InvoiceSetStatus; set: InvoiceSet }[];
  /** Rows left as they were, with the status they had (null: not found in this clinic). */
  skipped: { id: string; status: InvoiceSetStatus | null; reason: string; message: string }[];
}

/** Upper bound per call, so one statement stays a sensible size; callers chunk. */
export const BULK_CHUNK_SIZE = 1000;

const NOT_FOUND = "This invoice set was not found. It may belong to another clinic.";

/** The error a single-set caller throws for a skipped row. */
export function skipError(skipped: BulkInvoiceSetTransitionResult["skipped"][number] | undefined): AppError {
  if (!skipped || skipped.status === null) return new AppError("not_found", NOT_FOUND);
  return new AppError("invalid_transition", skipped.message);
}

/**
 * The one way to change invoice sets' status, one set or a thousand: inside the caller's
 * transaction it locks the clinic's rows (in id order, so concurrent runs cannot deadlock),
 * plans each row with planInvoiceSetTransition, then ONE statement updates every planned
 * row (still conditional on the status it was decided from) and inserts its timeline event
 * and audit row. Rows the action doesn't apply to are skipped, never forced.
 */
export async function bulkTransitionInvoiceSets(
  tx: Tx,
  request: BulkInvoiceSetTransitionRequest,
): Promise<BulkInvoiceSetTransitionResult> {
  const { clinicId, action, actor } = request;
  const ids = [...new Set(request.ids)];
  if (ids.length > BULK_CHUNK_SIZE)
    throw new AppError("invalid_input", `Choose at most ${BULK_CHUNK_SIZE} invoice sets at a time.`);
  if (ids.length === 0) return { changed: [], skipped: [] };

  const locked = await tx
    .select()
    .from(invoiceSets)
    .where(and(eq(invoiceSets.clinicId, clinicId), inArray(invoiceSets.id, ids)))
    .orderBy(asc(invoiceSets.id))
    // NO KEY UPDATE: serializes writers of the set without conflicting with the KEY SHARE
    // that timeline/message inserts (foreign keys to the set) take in concurrent transactions.
    .for("no key update");

  const found = new Set(locked.map((row) => row.id));
  const skipped: BulkInvoiceSetTransitionResult["skipped"] = ids
    .filter((id) => !found.has(id))
    .map((id) => ({ id, status: null, reason: "not found", message: NOT_FOUND }));
  const allowedRows = locked.filter((row) => INVOICE_SET_TRANSITIONS[action].from.includes(row.status));
  const contexts = request.contextFor && allowedRows.length > 0 ? await request.contextFor(allowedRows) : new Map();

  const now = request.now ?? new Date();
  const changed: BulkInvoiceSetTransitionResult["changed"] = [];
  const closedIds: string[] = [];
  const closedPlans: { invoiceSetId: string; to: InvoiceSetStatus }[] = [];
  const plan = [];
  for (const row of locked) {
    const planned = planInvoiceSetTransition(row, request, contexts.get(row.id) ?? {}, now);
    if (!planned.ok) {
      const reason = planned.short ?? planned.reason;
      skipped.push({ id: row.id, status: row.status, reason, message: planned.reason });
      continue;
    }
    changed.push({ id: row.id, from: planned.from, to: planned.to, set: { ...row, ...planned.row } });
    if (planned.closing) closedIds.push(row.id);
    if (planned.closing && row.paymentPlanId) closedPlans.push({ invoiceSetId: row.id, to: planned.to });
    const after = planned.row;
    plan.push({
      id: row.id,
      from_status: planned.from,
      status: after.status,
      status_reason: after.statusReason,
      closed_at: after.closedAt,
      next_send_at: after.nextSendAt,
      rule_set_id: after.ruleSetId,
      sequence_step: after.sequenceStep,
      sequence_cycle: after.sequenceCycle,
      sequence_started_at: after.sequenceStartedAt,
      amount_outstanding_cents: after.amountOutstandingCents,
      resume_at: after.resumeAt,
      payment_plan_id: after.paymentPlanId,
      kind: planned.timeline.kind,
      summary: planned.timeline.summary,
      details: planned.timeline.details,
      audit_action: planned.audit.action,
      before: planned.audit.before,
      after: planned.audit.after,
    });
  }
  if (plan.length === 0) return { changed: [], skipped };

  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await executeRows<{ id: string }>(
    tx,
    sql`
    with plan as (
      select * from jsonb_to_recordset(${JSON.stringify(plan)}::jsonb) as p(
        id uuid, from_status invoice_set_status, status invoice_set_status, status_reason text, closed_at timestamptz,
        next_send_at timestamptz, rule_set_id uuid, sequence_step int, sequence_cycle int, sequence_started_at timestamptz,
        amount_outstanding_cents int, resume_at timestamptz, payment_plan_id uuid, kind timeline_kind, summary text, details jsonb, audit_action text, before jsonb, after jsonb)
    ),
    updated as (
      update invoice_sets s set
        status = plan.status,
        updated_at = ${at},
        status_reason = plan.status_reason,
        closed_at = plan.closed_at,
        next_send_at = plan.next_send_at,
        rule_set_id = plan.rule_set_id,
        sequence_step = plan.sequence_step,
        sequence_cycle = plan.sequence_cycle,
        sequence_started_at = plan.sequence_started_at,
        amount_outstanding_cents = plan.amount_outstanding_cents,
        resume_at = plan.resume_at,
        payment_plan_id = plan.payment_plan_id
      from plan
      where s.id = plan.id and s.clinic_id = ${clinicId}::uuid and s.status = plan.from_status
      returning s.id, plan.kind, plan.summary, plan.details, plan.audit_action, plan.before, plan.after
    ),
    timeline as (${insertTimelineRowsSql({
      from: sql`updated u`,
      clinicId: sql`${clinicId}::uuid`,
      invoiceSetId: sql`u.id`,
      kind: sql`u.kind`,
      actor,
      summary: sql`u.summary`,
      details: sql`u.details`,
      at,
    })}),
    audit as (${insertAuditRowsSql({
      from: sql`updated u`,
      clinicId: sql`${clinicId}::uuid`,
      actor,
      action: sql`u.audit_action`,
      entityType: "invoice_set",
      entityId: sql`u.id`,
      before: sql`u.before`,
      after: sql`u.after`,
      at,
    })})
    select id from updated`,
  );

  // Rows are locked, so every planned row updates; anything else is a bug worth stopping for.
  if (rows.length !== plan.length)
    throw new AppError("conflict", "Some invoice sets changed while this ran. Nothing was changed; try again.");
  await revokePatientLinksForSets(tx, { clinicId, invoiceSetIds: closedIds, now });
  // A set that closes ends its plan: paid off = Completed, any other close = Cancelled.
  await endPaymentPlansOfClosedSets(tx, { clinicId, closed: closedPlans, actor, now });
  return { changed, skipped };
}
