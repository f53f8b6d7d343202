import type { Tx } from "@/db/connect";
import type { Actor } from "@/lib/actor";
import { bulkTransitionInvoiceSets, skipError, type TransitionedInvoiceSet } from "./bulk-transition-invoice-sets";
import type { InvoiceSetPlanRequest, InvoiceSetRowContext } from "./plan-invoice-set-transition";
import type { InvoiceSetStatus } from "./statuses";

export interface InvoiceSetTransitionRequest extends InvoiceSetPlanRequest {
  clinicId: string;
  invoiceSetId: string;
  actor: Actor;
  context?: InvoiceSetRowContext;
}

export interface InvoiceSetTransitionResult {
  from: InvoiceSetStatus;
  to: InvoiceSetStatus;
  set: TransitionedInvoiceSet;
}

/**
 * One invoice set's transition: the bulk transition with one id, where a skip is an error.
 * A refusal (or a set of another clinic) throws an AppError and the caller's transaction
 * rolls back.
 */
export async function transitionInvoiceSet(
  tx: Tx,
  request: InvoiceSetTransitionRequest,
): Promise<InvoiceSetTransitionResult> {
  const { invoiceSetId, context, ...rest } = request;
  const result = await bulkTransitionInvoiceSets(tx, {
    ...rest,
    ids: [invoiceSetId],
    facts: context ? new Map([[invoiceSetId, context]]) : undefined,
  });
  const [changed] = result.changed;
  if (!changed) throw skipError(result.skipped[0]);
  return changed;
}
