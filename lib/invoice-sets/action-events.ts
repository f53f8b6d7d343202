import { invoiceSetActivated, invoiceSetStopped } from "@/inngest/events";
import type { StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";

/**
 * The events a staff action sends after its commit: every action stops the running
 * sequence (the rule set or status changed under it); Resume and Change Rule Set start it
 * again when the set ends up active.
 */
export function eventsAfterAction(
  clinicId: string,
  action: StaffInvoiceSetAction,
  changed: readonly { id: string; to: InvoiceSetStatus }[],
) {
  const events = [];
  for (const set of changed) {
    const ref = { clinicId, invoiceSetId: set.id };
    if (action !== "resume") events.push(invoiceSetStopped.create({ ...ref, reason: action }));
    if ((action === "resume" || action === "change_rule_set") && set.to === "active") {
      events.push(invoiceSetActivated.create(ref));
    }
  }
  return events;
}
