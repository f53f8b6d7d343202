import type { Db } from "@/db/connect";
import type { Actor } from "@/lib/actor";
import { publishEvents } from "@/lib/events/publish-events";
import { skipError } from "@/lib/state-machine/bulk-transition-invoice-sets";
import type { StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import { INVOICE_SET_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { eventsAfterAction } from "./action-events";
import type { PauseInput } from "./pause-options";
import { runInvoiceSetAction } from "./run-invoice-set-action";

export interface InvoiceSetActionInput {
  invoiceSetId: string;
  action: StaffInvoiceSetAction;
  /** Change Rule Set only. */
  ruleSetId?: string;
  /** Pause only: "Pause until" a date, with a reason. */
  pause?: PauseInput;
}

export const OUTREACH_DELAYED_NOTE = " Outreach will catch up once the background service is reachable.";

/**
 * One staff action on one invoice set: the bulk path with one id (the same planner, the
 * same statement, the same timeline and audit rows), in one transaction, where a skipped
 * row is an error. Events go out after the commit. Returns the sentence the toast shows;
 * refusals throw AppError.
 */
export async function applyInvoiceSetAction(
  db: Db,
  staff: { clinicId: string; actor: Actor },
  input: InvoiceSetActionInput,
): Promise<{ message: string; status: string }> {
  const { invoiceSetId, action } = input;
  const result = await db.transaction(async (tx) => {
    const run = await runInvoiceSetAction(tx, staff, {
      action,
      ids: [invoiceSetId],
      ruleSetId: input.ruleSetId,
      pause: input.pause,
    });
    const [changed] = run.changed;
    if (!changed) throw skipError(run.skipped[0]);
    return { ...changed, ruleSetTitle: run.ruleSetTitle };
  });

  const { sent } = await publishEvents(eventsAfterAction(staff.clinicId, action, [result]));
  return { message: describeOutcome(action, result) + (sent ? "" : OUTREACH_DELAYED_NOTE), status: result.to };
}

function describeOutcome(
  action: StaffInvoiceSetAction,
  result: {
    from: string;
    to: keyof typeof INVOICE_SET_STATUS_LABELS;
    ruleSetTitle: string;
    set: { statusReason: string | null; resumeAt: Date | null };
  },
): string {
  const now = INVOICE_SET_STATUS_LABELS[result.to];
  switch (action) {
    case "pause":
      return result.set.resumeAt
        ? "Paused: no messages go out until the set resumes by itself on the date you chose."
        : "Paused: no more messages go out until you resume this invoice set.";
    case "resume":
      return result.to === "will_fail"
        ? `Resumed, but the next message is predicted to fail, so the set is Will Fail. ${result.set.statusReason ?? ""}`.trim()
        : "Resumed: outreach continues from where it stopped.";
    case "cancel":
      return "Cancelled: outreach for this invoice set has stopped for good.";
    case "write_off":
      return "Written off: the invoices are marked Bad Debt and nothing is left to collect on this set.";
    case "send_to_collections":
      return "Sent to collections: the invoices are marked as sent to collections and outreach has stopped.";
    case "change_rule_set":
      return `Rule set changed to “${result.ruleSetTitle}”; the set is ${now}.`;
  }
}
