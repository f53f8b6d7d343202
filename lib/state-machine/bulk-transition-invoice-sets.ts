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
  WRITTEN_COLUMNS,
} from "./plan-invoice-set-transition";
import { type InvoiceSetStatus, isOpenInvoiceSetStatus } from "./statuses";

export interface BulkInvoiceSetTransitionRequest extends InvoiceSetPlanRequest {
  clinicId: string;
  ids: readonly string[];
  actor: Actor;
  /** Facts per row the action applies to, looked up once for all of them (never a query per row). */
  contextFor?: (rows: InvoiceSet[]) => Promise<Map<string, InvoiceSetRowContext>>;
  /** Facts per row the caller already knows (why each set's message failed): no rows read first. */
  facts?: ReadonlyMap<string, InvoiceSetRowContext>;
  /** The moment the change happens; a scheduled pass passes its own `now`. */
  now?: Date;
}

/** What callers read of a changed set as written (the rest stays in the database, not shipped back per row). */
export type TransitionedInvoiceSet = Pick<InvoiceSet, "patientId" | "statusReason" | "resumeAt">;

export interface BulkInvoiceSetTransitionResult {
  /** `set` is the row as written. */
  changed: { id: string; from: InvoiceSetStatus; to: InvoiceSetStatus; set: TransitionedInvoiceSet }[];
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The one way to change invoice sets' status, one set or a thousand: inside the caller's
 * transaction ONE statement locks the clinic's rows (in id order, so concurrent runs cannot
 * deadlock), decides each row with the planner's SQL, updates the rows the action applies
 * to and inserts their timeline events and audit rows, and reports the rest with why they
 * were skipped. Rows the action doesn't apply to are skipped, never forced.
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

  const now = request.now ?? new Date();
  let facts = request.facts ?? new Map<string, InvoiceSetRowContext>();
  if (request.contextFor) {
    // The caller's facts are about the rows as they are now, so they are locked first.
    const rows = await tx
      .select()
      .from(invoiceSets)
      .where(
        and(
          eq(invoiceSets.clinicId, clinicId),
          inArray(invoiceSets.id, ids),
          inArray(invoiceSets.status, [...INVOICE_SET_TRANSITIONS[action].from]),
        ),
      )
      .orderBy(asc(invoiceSets.id))
      .for("no key update");
    if (rows.length > 0) facts = await request.contextFor(rows);
  }
  const context = [...facts].map(([id, row]) => ({
    id,
    fail: row.nextSendPredictedToFail ?? false,
    status_reason: row.statusReason ?? null,
    details: row.details ?? null,
  }));

  const plan = planInvoiceSetTransition(request, now);
  const at = sql`${now.toISOString()}::timestamptz`;
  // One array parameter; anything that is not a uuid can't be a set of this clinic (reported as not found).
  const idList = sql`${`{${ids.filter((id) => UUID.test(id)).join(",")}}`}::uuid[]`;
  const written = sql.raw(WRITTEN_COLUMNS.map((column) => `${column} = q.${column}`).join(", "));
  const rows = await executeRows<{
    id: string;
    from_status: InvoiceSetStatus;
    refusal: string | null;
    short: string | null;
    from_payment_plan_id: string | null;
    patient_id: string | null;
    status_reason: string | null;
    resume_at: string | null;
    status: InvoiceSetStatus | null;
  }>(
    tx,
    sql`
    with o as (
      select l.*, c.fail as ctx_fail, c.status_reason as ctx_status_reason, c.details as ctx_details
      from (
        -- NO KEY UPDATE: serializes writers of the set without conflicting with the KEY SHARE
        -- that timeline/message inserts (foreign keys to the set) take in concurrent transactions.
        select * from invoice_sets where clinic_id = ${clinicId}::uuid and id = any(${idList})
        order by id for no key update
      ) l
      left join jsonb_to_recordset(${JSON.stringify(context)}::jsonb) as c(id uuid, fail boolean, status_reason text, details jsonb)
        on c.id = l.id
    ),
    decided as (select o.*, ${plan.decision} from o),
    p as (
      select o.id, o.status as from_status, o.to_status, o.payment_plan_id as from_payment_plan_id,
        ${plan.after}, ${plan.details} as details, ${plan.auditBefore} as before
      from decided o where o.refusal is null
    ),
    q as (select p.*, ${plan.summary} as summary, ${plan.auditAfter} as after from p),
    updated as (
      update invoice_sets s set status = q.to_status, ${written}
      from q
      where s.id = q.id and s.clinic_id = ${clinicId}::uuid
      returning s.id, q.from_status, q.from_payment_plan_id, s.patient_id, s.status_reason, s.resume_at, s.status, q.summary, q.details, q.before, q.after
    ),
    timeline as (${insertTimelineRowsSql({
      from: sql`updated u`,
      clinicId: sql`${clinicId}::uuid`,
      invoiceSetId: sql`u.id`,
      kind: plan.kind,
      actor,
      summary: sql`u.summary`,
      details: sql`u.details`,
      at,
    })}),
    audit as (${insertAuditRowsSql({
      from: sql`updated u`,
      clinicId: sql`${clinicId}::uuid`,
      actor,
      action: sql`${plan.auditAction}::text`,
      entityType: "invoice_set",
      entityId: sql`u.id`,
      before: sql`u.before`,
      after: sql`u.after`,
      at,
    })})
    select id, from_status, null::text as refusal, null::text as short, from_payment_plan_id, patient_id, status_reason, resume_at, status from updated
    union all
    select id, status, refusal, short, null, null, null, null, null from decided where refusal is not null`,
  );

  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const found = new Set(rows.map((row) => row.id));
  const skipped: BulkInvoiceSetTransitionResult["skipped"] = ids
    .filter((id) => !found.has(id))
    .map((id) => ({ id, status: null, reason: "not found", message: NOT_FOUND }));
  const changed: BulkInvoiceSetTransitionResult["changed"] = [];
  const closedPlans: { invoiceSetId: string; to: InvoiceSetStatus }[] = [];
  for (const row of [...rows].sort(byId)) {
    if (row.refusal !== null) {
      skipped.push({ id: row.id, status: row.from_status, reason: row.short ?? row.refusal, message: row.refusal });
      continue;
    }
    const to = row.status as InvoiceSetStatus;
    const set = {
      patientId: row.patient_id as string,
      statusReason: row.status_reason,
      resumeAt: row.resume_at === null ? null : (invoiceSets.resumeAt.mapFromDriverValue(row.resume_at) as Date),
    };
    changed.push({ id: row.id, from: row.from_status, to, set });
    if (!isOpenInvoiceSetStatus(to) && row.from_payment_plan_id) closedPlans.push({ invoiceSetId: row.id, to });
  }
  const closedIds = changed.filter((row) => !isOpenInvoiceSetStatus(row.to)).map((row) => row.id);
  await revokePatientLinksForSets(tx, { clinicId, invoiceSetIds: closedIds, now });
  // A set that closes ends its plan: paid off = Completed, any other close = Cancelled.
  await endPaymentPlansOfClosedSets(tx, { clinicId, closed: closedPlans, actor, now });
  return { changed, skipped };
}
