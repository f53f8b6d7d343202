import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoiceSets } from "@/db/schema";
import { type Actor, actorIp, actorUserId } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { revokePatientLinksForSets } from "@/lib/patient-links/revoke-patient-links";
import {
  decideInvoiceSetTransition,
  INVOICE_SET_TRANSITIONS,
  type InvoiceSetAction,
  type InvoiceSetTransitionContext,
} from "./invoice-set";
import { INVOICE_SET_STATUS_LABELS, type InvoiceSetStatus, isOpenInvoiceSetStatus } from "./statuses";

/** The columns of a locked set a caller may base per-row decisions on. */
export interface LockedInvoiceSet {
  id: string;
  status: InvoiceSetStatus;
  ruleSetId: string;
  patientId: string;
  sequenceStep: number;
  sequenceCycle: number;
  amountOutstandingCents: number;
  statusReason: string | null;
}

/** Per-row facts for the decision (e.g. Resume's prediction) and the reason to store. */
export interface BulkRowContext extends InvoiceSetTransitionContext {
  statusReason?: string | null;
}

export interface BulkInvoiceSetTransitionRequest {
  clinicId: string;
  ids: readonly string[];
  action: InvoiceSetAction;
  actor: Actor;
  /** Facts per locked row, looked up once for all of them (never a query per row). */
  contextFor?: (rows: LockedInvoiceSet[]) => Promise<Map<string, BulkRowContext>>;
  /** A reason to skip a row the status table allows (e.g. it already uses that rule set). */
  skipIf?: (row: LockedInvoiceSet) => string | null;
  changes?: {
    ruleSetId?: string;
    /** Start the (new) rule set from its first step: step 0, next cycle, started now. */
    restartSequence?: boolean;
    amountOutstandingCents?: number;
    /** No message is scheduled after this change (the sequence re-plans it). */
    clearNextSend?: boolean;
  };
  details?: Record<string, unknown>;
}

export interface BulkInvoiceSetTransitionResult {
  changed: { id: string; from: InvoiceSetStatus; to: InvoiceSetStatus }[];
  /** Rows left as they were, with the status they had (null: not found in this clinic). */
  skipped: { id: string; status: InvoiceSetStatus | null; reason: string }[];
}

/** Upper bound per call, so one statement stays a sensible size; callers chunk. */
export const BULK_CHUNK_SIZE = 1000;

/**
 * The set-based twin of transitionInvoiceSet, for bulk actions: inside the caller's
 * transaction it locks the clinic's rows (in id order, so concurrent bulk runs cannot
 * deadlock), asks the state machine per row, then makes ONE statement that updates every
 * allowed row (still conditional on the status it was decided from) and inserts one
 * timeline event and one audit row for each changed set. Rows the action doesn't apply to
 * are skipped, never forced.
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

  const locked: LockedInvoiceSet[] = await tx
    .select({
      id: invoiceSets.id,
      status: invoiceSets.status,
      ruleSetId: invoiceSets.ruleSetId,
      patientId: invoiceSets.patientId,
      sequenceStep: invoiceSets.sequenceStep,
      sequenceCycle: invoiceSets.sequenceCycle,
      amountOutstandingCents: invoiceSets.amountOutstandingCents,
      statusReason: invoiceSets.statusReason,
    })
    .from(invoiceSets)
    .where(and(eq(invoiceSets.clinicId, clinicId), inArray(invoiceSets.id, ids)))
    .orderBy(asc(invoiceSets.id))
    .for("no key update");

  const found = new Set(locked.map((row) => row.id));
  const skipped: BulkInvoiceSetTransitionResult["skipped"] = ids
    .filter((id) => !found.has(id))
    .map((id) => ({ id, status: null, reason: "not found" }));
  const allowedRows = locked.filter((row) => INVOICE_SET_TRANSITIONS[action].from.includes(row.status));
  const contexts =
    request.contextFor && allowedRows.length > 0
      ? await request.contextFor(allowedRows)
      : new Map<string, BulkRowContext>();

  const label = INVOICE_SET_TRANSITIONS[action].label;
  const changes = request.changes ?? {};
  const plan = [];
  for (const row of locked) {
    const context = contexts.get(row.id) ?? {};
    const decision = decideInvoiceSetTransition(row.status, action, context);
    const skipReason = decision.ok ? request.skipIf?.(row) : decision.reason;
    if (!decision.ok || skipReason) {
      skipped.push({ id: row.id, status: row.status, reason: skipReason ?? "not allowed" });
      continue;
    }
    // Same rule as transitionInvoiceSet: a reason is kept only while it explains the status.
    const setReason = decision.to === "active" || decision.to === "paused" || context.statusReason !== undefined;
    const statusReason = setReason ? (context.statusReason ?? null) : row.statusReason;
    const statusText =
      decision.from === decision.to
        ? INVOICE_SET_STATUS_LABELS[decision.to]
        : `${INVOICE_SET_STATUS_LABELS[decision.to]} (was ${INVOICE_SET_STATUS_LABELS[decision.from]})`;
    const before: Record<string, unknown> = { status: decision.from };
    const after: Record<string, unknown> = { status: decision.to };
    if (changes.ruleSetId) {
      before.ruleSetId = row.ruleSetId;
      after.ruleSetId = changes.ruleSetId;
    }
    if (changes.restartSequence) {
      Object.assign(before, { sequenceStep: row.sequenceStep, sequenceCycle: row.sequenceCycle });
      Object.assign(after, { sequenceStep: 0, sequenceCycle: row.sequenceCycle + 1 });
    }
    if (changes.amountOutstandingCents !== undefined) {
      Object.assign(before, { amountOutstandingCents: row.amountOutstandingCents });
      Object.assign(after, { amountOutstandingCents: changes.amountOutstandingCents });
    }
    plan.push({
      id: row.id,
      from_status: decision.from,
      to_status: decision.to,
      set_reason: setReason,
      status_reason: statusReason,
      closing: !isOpenInvoiceSetStatus(decision.to),
      summary: `${label}: ${statusText}`,
      details: { action, from: decision.from, to: decision.to, bulk: true, ...request.details },
      before,
      after,
    });
  }
  if (plan.length === 0) return { changed: [], skipped };

  const now = new Date().toISOString();
  const kind = action === "change_rule_set" ? "rule_set_change" : "status_change";
  const restart = changes.restartSequence === true;
  const rows = await executeRows<{ id: string; from_status: InvoiceSetStatus; to_status: InvoiceSetStatus }>(
    tx,
    sql`
    with plan as (
      select * from jsonb_to_recordset(${JSON.stringify(plan)}::jsonb) as p(
        id uuid, from_status invoice_set_status, to_status invoice_set_status, set_reason boolean,
        status_reason text, closing boolean, summary text, details jsonb, before jsonb, after jsonb)
    ),
    updated as (
      update invoice_sets s set
        status = plan.to_status,
        updated_at = ${now}::timestamptz,
        status_reason = case when plan.set_reason then plan.status_reason else s.status_reason end,
        closed_at = case when plan.closing then ${now}::timestamptz else s.closed_at end,
        next_send_at = case when plan.closing or ${changes.clearNextSend === true}::boolean then null else s.next_send_at end,
        rule_set_id = coalesce(${changes.ruleSetId ?? null}::uuid, s.rule_set_id),
        sequence_step = case when ${restart}::boolean then 0 else s.sequence_step end,
        sequence_cycle = case when ${restart}::boolean then s.sequence_cycle + 1 else s.sequence_cycle end,
        sequence_started_at = case when ${restart}::boolean then ${now}::timestamptz else s.sequence_started_at end,
        amount_outstanding_cents = coalesce(${changes.amountOutstandingCents ?? null}::int, s.amount_outstanding_cents)
      from plan
      where s.id = plan.id and s.clinic_id = ${clinicId}::uuid and s.status = plan.from_status
      returning s.id, plan.from_status, plan.to_status, plan.summary, plan.details, plan.before, plan.after
    ),
    timeline as (
      insert into timeline_events (clinic_id, invoice_set_id, kind, actor_kind, actor_user_id, summary, details, occurred_at)
      select ${clinicId}::uuid, u.id, ${kind}::timeline_kind, ${actor.kind}::actor_kind, ${actorUserId(actor)}::uuid, u.summary, u.details, ${now}::timestamptz from updated u
    ),
    audit as (
      insert into audit_log (clinic_id, actor_kind, user_id, action, entity_type, entity_id, before, after, ip, created_at)
      select ${clinicId}::uuid, ${actor.kind}::actor_kind, ${actorUserId(actor)}::uuid, ${`invoice_set.${action}`}::text, 'invoice_set', u.id, u.before, u.after, ${actorIp(actor)}::text, ${now}::timestamptz
      from updated u
    )
    select id, from_status, to_status from updated`,
  );

  // Rows are locked, so every planned row updates; anything else is a bug worth stopping for.
  if (rows.length !== plan.length)
    throw new AppError("conflict", "Some invoice sets changed while this ran. Nothing was changed; try again.");
  const closedIds = rows.filter((row) => !isOpenInvoiceSetStatus(row.to_status)).map((row) => row.id);
  await revokePatientLinksForSets(tx, { clinicId, invoiceSetIds: closedIds, now: new Date(now) });
  return { changed: rows.map((row) => ({ id: row.id, from: row.from_status, to: row.to_status })), skipped };
}
