import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";

/** Will Fail and Failed rows offer the contact fixes (Edit contact, Switch to email-only). */
export const needsContactFix = (row: { status: InvoiceSetStatus }) =>
  row.status === "will_fail" || row.status === "failed";
