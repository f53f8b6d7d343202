import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { type InvoiceSet, invoiceSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { revokePatientLinksForSets } from "@/lib/patient-links/revoke-patient-links";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import {
  decideInvoiceSetTransition,
  INVOICE_SET_TRANSITIONS,
  type InvoiceSetAction,
  type InvoiceSetTransitionContext,
  invoiceSetRefusal,
} from "./invoice-set";
import { INVOICE_SET_STATUS_LABELS, type InvoiceSetStatus, isOpenInvoiceSetStatus } from "./statuses";

/** Columns a transition may write beside the status (never the status itself). */
export type InvoiceSetTransitionChanges = Partial<
  Pick<
    typeof invoiceSets.$inferInsert,
    | "ruleSetId"
    | "sequenceStep"
    | "sequenceCycle"
    | "sequenceStartedAt"
    | "nextSendAt"
    | "statusReason"
    | "amountOutstandingCents"
  >
>;

export interface InvoiceSetTransitionRequest {
  clinicId: string;
  invoiceSetId: string;
  action: InvoiceSetAction;
  actor: Actor;
  context?: InvoiceSetTransitionContext;
  changes?: InvoiceSetTransitionChanges;
  /** Overrides the timeline line; defaults to "Paused (was Active)". */
  summary?: string;
  details?: Record<string, unknown>;
}

export interface InvoiceSetTransitionResult {
  from: InvoiceSetStatus;
  to: InvoiceSetStatus;
  set: InvoiceSet;
}

/**
 * The one way to change an invoice set's status. Inside the caller's transaction it locks
 * the row, asks the state machine, writes with a conditional update (only if the status is
 * still the one decided on), and records exactly one timeline event and one audit row.
 * A refused or lost race throws an AppError and the caller's transaction rolls back.
 */
export async function transitionInvoiceSet(
  tx: Tx,
  request: InvoiceSetTransitionRequest,
): Promise<InvoiceSetTransitionResult> {
  const { clinicId, invoiceSetId, action, actor } = request;
  const [current] = await tx
    .select()
    .from(invoiceSets)
    .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)))
    // NO KEY UPDATE: serializes writers of the set without conflicting with the KEY SHARE
    // that timeline/message inserts (foreign keys to the set) take in concurrent transactions.
    .for("no key update");
  if (!current) {
    throw new AppError("not_found", "This invoice set was not found. It may belong to another clinic.");
  }

  const decision = decideInvoiceSetTransition(current.status, action, request.context);
  if (!decision.ok) throw new AppError("invalid_transition", decision.reason);

  const now = new Date();
  const closing = !isOpenInvoiceSetStatus(decision.to);
  const [updated] = await tx
    .update(invoiceSets)
    .set({
      ...request.changes,
      status: decision.to,
      updatedAt: now,
      ...(closing ? { closedAt: now, nextSendAt: null } : {}),
      ...(decision.to === "active" || decision.to === "paused"
        ? { statusReason: request.changes?.statusReason ?? null }
        : {}),
    })
    .where(
      and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId), eq(invoiceSets.status, decision.from)),
    )
    .returning();
  if (!updated) {
    const [latest] = await tx
      .select({ status: invoiceSets.status })
      .from(invoiceSets)
      .where(eq(invoiceSets.id, invoiceSetId));
    const now = latest?.status ?? decision.from;
    throw new AppError("conflict", `${invoiceSetRefusal(action, now)} It changed a moment ago.`);
  }

  if (closing) await revokePatientLinksForSets(tx, { clinicId, invoiceSetIds: [invoiceSetId], now });

  const label = INVOICE_SET_TRANSITIONS[action].label;
  const statusText =
    decision.from === decision.to
      ? INVOICE_SET_STATUS_LABELS[decision.to]
      : `${INVOICE_SET_STATUS_LABELS[decision.to]} (was ${INVOICE_SET_STATUS_LABELS[decision.from]})`;
  await recordTimelineEvent(tx, {
    clinicId,
    invoiceSetId,
    kind: action === "change_rule_set" ? "rule_set_change" : "status_change",
    actor,
    summary: request.summary ?? `${label}: ${statusText}`,
    details: { action, from: decision.from, to: decision.to, ...request.details },
    occurredAt: now,
  });
  await recordAudit(tx, {
    clinicId,
    actor,
    action: `invoice_set.${action}`,
    entityType: "invoice_set",
    entityId: invoiceSetId,
    before: { status: decision.from, ...pick(current, request.changes) },
    after: { status: decision.to, ...pick(updated, request.changes) },
  });
  return { from: decision.from, to: decision.to, set: updated };
}

/** Lets the audit row show exactly the extra columns that changed. */
function pick(row: InvoiceSet, changes: InvoiceSetTransitionChanges | undefined): Record<string, unknown> {
  if (!changes) return {};
  return Object.fromEntries(Object.keys(changes).map((key) => [key, row[key as keyof InvoiceSet]]));
}
