import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { type Invoice, invoices } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import {
  decideInvoiceTransition,
  INVOICE_TRANSITIONS,
  type InvoiceAction,
  type InvoiceFacts,
  invoiceFlagsAfter,
} from "./invoice";
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from "./statuses";

/** Columns a caller may write beside the status; the status and the flags come from the table. */
export type InvoiceTransitionChanges = Partial<
  Pick<typeof invoices.$inferInsert, "paidCents" | "issuedAt" | "dueDate" | "invoiceSetId" | "voidedAt" | "voidReason">
>;

export interface InvoiceTransitionRequest {
  clinicId: string;
  invoiceId: string;
  action: Exclude<InvoiceAction, "delete" | "duplicate">;
  actor: Actor;
  /** record_payment: the amount paid now, in cents. */
  paymentCents?: number;
  /** Extra columns, computed from the locked current row. */
  changes?: (current: Invoice) => InvoiceTransitionChanges;
  summary?: string;
  details?: Record<string, unknown>;
}

export interface InvoiceTransitionResult {
  from: InvoiceStatus;
  to: InvoiceStatus;
  invoice: Invoice;
  before: Invoice;
}

/** Locks an invoice of this clinic for the rest of the transaction, or says it is not there. */
export async function lockInvoice(tx: Tx, clinicId: string, invoiceId: string): Promise<Invoice> {
  const [current] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.clinicId, clinicId)))
    .for("update");
  if (!current) throw new AppError("not_found", "This invoice was not found. It may belong to another clinic.");
  return current;
}

function factsOf(invoice: Invoice, paymentCents?: number): InvoiceFacts {
  return {
    status: invoice.status,
    balanceCents: invoice.totalCents - invoice.paidCents,
    paidCents: invoice.paidCents,
    badDebt: invoice.badDebt,
    pastDue: invoice.pastDue,
    sentToCollections: invoice.sentToCollections,
    paymentCents,
  };
}

/** Asks the state machine whether an action may run on this invoice; throws its refusal if not. */
export function assertInvoiceAction(action: InvoiceAction, invoice: Invoice, paymentCents?: number) {
  const decision = decideInvoiceTransition(action, factsOf(invoice, paymentCents));
  if (!decision.ok) throw new AppError("invalid_transition", decision.reason);
  return decision;
}

/**
 * The one way to change an invoice's status or flags. Inside the caller's transaction it
 * locks the row, asks the state machine, writes with a conditional update, and records one
 * timeline event and one audit row. Refusals throw; the caller's transaction rolls back.
 */
export async function transitionInvoice(tx: Tx, request: InvoiceTransitionRequest): Promise<InvoiceTransitionResult> {
  const { clinicId, invoiceId, action, actor } = request;
  const current = await lockInvoice(tx, clinicId, invoiceId);
  const decision = assertInvoiceAction(action, current, request.paymentCents);
  const to = decision.to ?? current.status;
  const changes = {
    ...request.changes?.(current),
    ...invoiceFlagsAfter(action, factsOf(current, request.paymentCents)),
  };
  const now = new Date();

  const [updated] = await tx
    .update(invoices)
    .set({ ...changes, status: to, updatedAt: now })
    .where(and(eq(invoices.id, invoiceId), eq(invoices.clinicId, clinicId), eq(invoices.status, current.status)))
    .returning();
  if (!updated) throw new AppError("conflict", "This invoice changed a moment ago. Reload to see its current state.");

  const label = INVOICE_TRANSITIONS[action].label;
  const statusText =
    current.status === to
      ? INVOICE_STATUS_LABELS[to]
      : `${INVOICE_STATUS_LABELS[to]} (was ${INVOICE_STATUS_LABELS[current.status]})`;
  await recordTimelineEvent(tx, {
    clinicId,
    invoiceSetId: updated.invoiceSetId,
    invoiceId,
    kind: action === "record_payment" ? "payment" : "status_change",
    actor,
    summary: request.summary ?? `Invoice #${updated.number} — ${label}: ${statusText}`,
    details: { action, from: current.status, to, ...request.details },
    occurredAt: now,
  });
  await recordAudit(tx, {
    clinicId,
    actor,
    action: `invoice.${action}`,
    entityType: "invoice",
    entityId: invoiceId,
    before: { status: current.status, ...pick(current, changes) },
    after: { status: to, ...pick(updated, changes) },
  });
  return { from: current.status, to, invoice: updated, before: current };
}

function pick(row: Invoice, changes: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changes).map((key) => [key, row[key as keyof Invoice]]));
}
