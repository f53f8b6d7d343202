import { invoiceSetActivated, invoiceSetStopped, patientContactChanged } from "@/inngest/events";
import type { StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";

/**
 * The events a staff action sends after its commit: every action stops the running
 * sequence (the rule set or status changed under it); Resume and Change Rule Set start it
 * again when the set ends up active. A Will Fail or Failed set given another rule set (say
 * email-only for a patient who replied STOP) is re-checked like a contact fix: the new
 * rule set's next step may reach the patient, and then the set is Active and starts again.
 */
export function eventsAfterAction(
  clinicId: string,
  action: StaffInvoiceSetAction,
  changed: readonly { id: string; to: InvoiceSetStatus; set: { patientId: string } }[],
) {
  const events = [];
  for (const { id, to, set } of changed) {
    const ref = { clinicId, invoiceSetId: id };
    if (action !== "resume") events.push(invoiceSetStopped.create({ ...ref, reason: action }));
    if ((action === "resume" || action === "change_rule_set") && to === "active") {
      events.push(invoiceSetActivated.create(ref));
    }
    if (action === "change_rule_set" && (to === "will_fail" || to === "failed")) {
      events.push(patientContactChanged.create({ clinicId, patientId: set.patientId }));
    }
  }
  return events;
}
