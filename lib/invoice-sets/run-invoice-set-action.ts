import { eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { clinics } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { predictNextSends } from "@/lib/outreach/predict-next-send";
import {
  type BulkInvoiceSetTransitionRequest,
  type BulkInvoiceSetTransitionResult,
  bulkTransitionInvoiceSets,
} from "@/lib/state-machine/bulk-transition-invoice-sets";
import { flagSetInvoices } from "@/lib/state-machine/flag-set-invoices";
import type { StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import { type PauseInput, toPauseOptions } from "./pause-options";
import { requireActiveRuleSet } from "./rule-set-options";

/** The invoice action a set action runs on the set's open invoices. */
const INVOICE_ACTION = { write_off: "mark_bad_debt", send_to_collections: "send_to_collections" } as const;

/**
 * A staff action on some invoice sets (one for a row action, up to 1,000 for a bulk chunk),
 * inside the caller's transaction: gathers the facts the planner needs once for all rows
 * (the target rule set, Resume's predictions), runs the set-based transition, then the
 * invoice side of Write Off / Send to Collections. Single and bulk differ only in what
 * they do with a skipped row.
 */
export async function runInvoiceSetAction(
  tx: Tx,
  staff: { clinicId: string; actor: Actor },
  input: {
    action: StaffInvoiceSetAction;
    ids: readonly string[];
    ruleSetId?: string;
    /** Pause: "Pause until" a date, with a reason. */
    pause?: PauseInput;
    /** Words added to the timeline line (e.g. an automatic resume says why). */
    note?: string;
    /** A scheduled pass's own clock. */
    now?: Date;
  },
): Promise<BulkInvoiceSetTransitionResult & { ruleSetTitle: string }> {
  const { clinicId, actor } = staff;
  const { action, ids, note, now } = input;
  const request: BulkInvoiceSetTransitionRequest = { clinicId, ids, action, actor, note, now };
  if (action === "pause" && input.pause) {
    const [clinic] = await tx.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId));
    if (!clinic) throw new AppError("not_found", "This clinic was not found.");
    const options = toPauseOptions(input.pause, clinic.timeZone, now ?? new Date());
    if (!options.ok) throw new AppError("invalid_input", options.message, { [options.field]: [options.message] });
    request.pause = options.pause;
    request.note = options.note;
  } else if (action === "change_rule_set") {
    if (!input.ruleSetId) throw new AppError("invalid_input", "Pick the rule set to switch to.");
    const ruleSet = await requireActiveRuleSet(tx, clinicId, input.ruleSetId);
    request.ruleSet = { id: ruleSet.id, title: ruleSet.title };
  } else if (action === "resume") {
    request.contextFor = async (rows) => {
      const predictions = await predictNextSends(
        tx,
        clinicId,
        rows.map((row) => row.id),
      );
      return new Map(
        rows.map((row) => {
          // On a payment plan the rule set's next message is not what happens next.
          const prediction = row.paymentPlanId ? undefined : predictions.get(row.id);
          return [
            row.id,
            { nextSendPredictedToFail: prediction?.willFail ?? false, statusReason: prediction?.reason ?? null },
          ];
        }),
      );
    };
  }

  const result = await bulkTransitionInvoiceSets(tx, request);
  if (action === "write_off" || action === "send_to_collections") {
    const invoiceSetIds = result.changed.map((row) => row.id);
    await flagSetInvoices(tx, { clinicId, invoiceSetIds, action: INVOICE_ACTION[action], actor });
  }
  return { ...result, ruleSetTitle: request.ruleSet?.title ?? "" };
}
