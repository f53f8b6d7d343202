import { and, asc, gt } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { invoiceSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { clinicScopeOf } from "@/lib/clinics/clinic-scope";
import { AppError } from "@/lib/errors";
import { publishEvents } from "@/lib/events/publish-events";
import { BULK_CHUNK_SIZE } from "@/lib/state-machine/bulk-transition-invoice-sets";
import type { StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import { eventsAfterAction } from "./action-events";
import { type BulkTally, skipReason } from "./describe-bulk-result";
import { invoiceSetWhere } from "./invoice-set-where";
import type { PauseInput } from "./pause-options";
import { runInvoiceSetAction } from "./run-invoice-set-action";
import type { InvoiceSetFilters } from "./search-params";

export type BulkSelection =
  /** The rows ticked on screen. */
  | { kind: "ids"; ids: string[] }
  /** "Select all N matching these filters": the next chunk after `afterId`, in id order. */
  | { kind: "filter"; filters: Partial<InvoiceSetFilters>; afterId: string | null };

export interface BulkActionInput {
  action: StaffInvoiceSetAction;
  ruleSetId?: string;
  pause?: PauseInput;
  selection: BulkSelection;
}

export interface BulkChunkResult extends BulkTally {
  /** For a filter selection: where the next chunk starts; null when there is no more. */
  nextAfterId: string | null;
  processed: number;
  outreachDelayed: boolean;
}

/**
 * One chunk (at most 1,000 sets) of a bulk action in ONE transaction, through the same
 * runner as a row action (runInvoiceSetAction): one statement locks, decides and updates the
 * rows with their timeline and audit rows, and for Write Off / Collections one UPDATE of the
 * sets' invoices.
 * The client repeats it for the next chunk and shows progress; rows the action doesn't
 * apply to are skipped.
 */
export async function bulkInvoiceSetAction(
  db: Db,
  staff: { clinicId: string; clinicTimeZone: string; actor: Actor },
  input: BulkActionInput,
): Promise<BulkChunkResult> {
  const { clinicId } = staff;
  const { action, selection } = input;
  if (selection.kind === "ids" && selection.ids.length > BULK_CHUNK_SIZE) {
    throw new AppError(
      "invalid_input",
      `Choose at most ${BULK_CHUNK_SIZE} invoice sets at a time, or use “Select all”.`,
    );
  }

  const outcome = await db.transaction(async (tx) => {
    let ids: string[];
    let nextAfterId: string | null = null;
    if (selection.kind === "ids") {
      ids = selection.ids;
    } else {
      const where = invoiceSetWhere(clinicScopeOf(staff), selection.filters);
      const rows = await tx
        .select({ id: invoiceSets.id })
        .from(invoiceSets)
        .where(selection.afterId ? and(where, gt(invoiceSets.id, selection.afterId)) : where)
        .orderBy(asc(invoiceSets.id))
        .limit(BULK_CHUNK_SIZE);
      ids = rows.map((row) => row.id);
      nextAfterId = rows.length === BULK_CHUNK_SIZE ? (ids[ids.length - 1] ?? null) : null;
    }

    const result = await runInvoiceSetAction(tx, staff, {
      action,
      ids,
      ruleSetId: input.ruleSetId,
      pause: input.pause,
    });
    return { ...result, nextAfterId, processed: ids.length };
  });

  const { sent } = await publishEvents(eventsAfterAction(clinicId, action, outcome.changed));
  const skipped: Record<string, number> = {};
  for (const row of outcome.skipped) {
    const reason = skipReason(action, row.status, row.reason);
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  }
  return {
    changed: outcome.changed.length,
    skipped,
    nextAfterId: outcome.nextAfterId,
    processed: outcome.processed,
    outreachDelayed: !sent,
  };
}
