import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { invoiceSets, invoices } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { publishEvents } from "@/lib/events/publish-events";
import { predictNextSends } from "@/lib/outreach/predict-next-send";
import { flagSetInvoices } from "@/lib/state-machine/flag-set-invoices";
import { INVOICE_TRANSITIONS } from "@/lib/state-machine/invoice";
import type { StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import { INVOICE_SET_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { transitionInvoice } from "@/lib/state-machine/transition-invoice";
import { type InvoiceSetTransitionChanges, transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { eventsAfterAction } from "./action-events";
import { requireActiveRuleSet } from "./rule-set-options";

export interface InvoiceSetActionInput {
  invoiceSetId: string;
  action: StaffInvoiceSetAction;
  /** Change Rule Set only. */
  ruleSetId?: string;
}

export const OUTREACH_DELAYED_NOTE = " Outreach will catch up once the background service is reachable.";

/**
 * One staff action on one invoice set, in one transaction, through the guarded transition
 * (which decides, writes conditionally and records the timeline and audit). Events go
 * out after the commit. Returns the sentence the toast shows; refusals throw AppError.
 */
export async function applyInvoiceSetAction(
  db: Db,
  staff: { clinicId: string; actor: Actor },
  input: InvoiceSetActionInput,
): Promise<{ message: string; status: string }> {
  const { clinicId, actor } = staff;
  const { invoiceSetId, action } = input;

  const result = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        ruleSetId: invoiceSets.ruleSetId,
        patientId: invoiceSets.patientId,
        sequenceCycle: invoiceSets.sequenceCycle,
      })
      .from(invoiceSets)
      .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)))
      .for("no key update");
    if (!current) throw new AppError("not_found", "This invoice set was not found. It may belong to another clinic.");

    let changes: InvoiceSetTransitionChanges = {};
    let context = {};
    let details: Record<string, unknown> | undefined;
    let ruleSetTitle = "";
    if (action === "change_rule_set") {
      if (!input.ruleSetId) throw new AppError("invalid_input", "Pick the rule set to switch to.");
      const ruleSet = await requireActiveRuleSet(tx, clinicId, input.ruleSetId);
      if (ruleSet.id === current.ruleSetId)
        throw new AppError("invalid_transition", `This invoice set already uses “${ruleSet.title}”.`);
      ruleSetTitle = ruleSet.title;
      // The new rule set starts from its first step, counted from now (a new cycle).
      changes = {
        ruleSetId: ruleSet.id,
        sequenceStep: 0,
        sequenceCycle: current.sequenceCycle + 1,
        sequenceStartedAt: new Date(),
        nextSendAt: null,
      };
      details = { fromRuleSetId: current.ruleSetId, toRuleSetId: ruleSet.id, ruleSetTitle: ruleSet.title };
    } else if (action === "resume") {
      const prediction = (await predictNextSends(tx, clinicId, [invoiceSetId])).get(invoiceSetId);
      context = { nextSendPredictedToFail: prediction?.willFail ?? false };
      changes = { statusReason: prediction?.reason ?? null };
    } else if (action === "pause") {
      changes = { nextSendAt: null };
    } else if (action === "write_off") {
      // Written off = nothing left to collect on this set; the invoices keep their balances for the books.
      changes = { amountOutstandingCents: 0 };
    }

    const transition = await transitionInvoiceSet(tx, {
      clinicId,
      invoiceSetId,
      action,
      actor,
      changes,
      context,
      details,
    });
    if (action === "write_off") {
      const open = await tx
        .select({ id: invoices.id })
        .from(invoices)
        .where(
          and(
            eq(invoices.clinicId, clinicId),
            eq(invoices.invoiceSetId, invoiceSetId),
            inArray(invoices.status, [...INVOICE_TRANSITIONS.mark_bad_debt.from]),
            eq(invoices.badDebt, false),
          ),
        );
      for (const invoice of open) {
        await transitionInvoice(tx, {
          clinicId,
          invoiceId: invoice.id,
          action: "mark_bad_debt",
          actor,
          changes: () => ({ badDebt: true }),
        });
      }
    }
    if (action === "send_to_collections") {
      await flagSetInvoices(tx, { clinicId, invoiceSetIds: [invoiceSetId], flag: "sent_to_collections", actor });
    }
    return { ...transition, ruleSetTitle };
  });

  const { sent } = await publishEvents(eventsAfterAction(clinicId, action, [{ id: invoiceSetId, to: result.to }]));
  return { message: describeOutcome(action, result) + (sent ? "" : OUTREACH_DELAYED_NOTE), status: result.to };
}

function describeOutcome(
  action: StaffInvoiceSetAction,
  result: {
    from: string;
    to: keyof typeof INVOICE_SET_STATUS_LABELS;
    ruleSetTitle: string;
    set: { statusReason: string | null };
  },
): string {
  const now = INVOICE_SET_STATUS_LABELS[result.to];
  switch (action) {
    case "pause":
      return "Paused: no more messages go out until you resume this invoice set.";
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
