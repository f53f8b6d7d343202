import type { StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import { INVOICE_SET_STATUS_LABELS, type InvoiceSetStatus } from "@/lib/state-machine/statuses";

/** Counts for a bulk run, added up over its chunks. */
export interface BulkTally {
  changed: number;
  /** Short reason → how many sets were skipped for it. */
  skipped: Record<string, number>;
}

const DONE: Record<StaffInvoiceSetAction, string> = {
  pause: "paused",
  resume: "resumed",
  cancel: "cancelled",
  write_off: "written off",
  send_to_collections: "sent to collections",
  change_rule_set: "moved to the new rule set",
};

/** Where the action would lead, so a set already there reads "already paused". */
const TARGET: Partial<Record<StaffInvoiceSetAction, InvoiceSetStatus>> = {
  pause: "paused",
  resume: "active",
  cancel: "cancelled",
  write_off: "written_off",
  send_to_collections: "collections",
};

/** Why a set was skipped, in a few words: "already paid", "cancelled", "not found". */
export function skipReason(action: StaffInvoiceSetAction, status: InvoiceSetStatus | null, custom?: string): string {
  if (custom && custom !== "not allowed" && !custom.includes("isn't possible")) return custom;
  if (status === null) return "not found";
  if (status === TARGET[action]) return `already ${DONE[action]}`;
  switch (status) {
    case "paid":
      return "already paid";
    case "collections":
      return "in collections";
    default:
      return INVOICE_SET_STATUS_LABELS[status].toLowerCase();
  }
}

export function addTally(total: BulkTally, part: BulkTally): BulkTally {
  const skipped = { ...total.skipped };
  for (const [reason, n] of Object.entries(part.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
  return { changed: total.changed + part.changed, skipped };
}

/** "37 paused, 3 skipped: 2 already paid, 1 cancelled" */
export function describeBulkResult(action: StaffInvoiceSetAction, tally: BulkTally): string {
  const head = `${tally.changed} ${DONE[action]}`;
  const reasons = Object.entries(tally.skipped)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const skippedTotal = reasons.reduce((sum, [, n]) => sum + n, 0);
  if (skippedTotal === 0) return head;
  return `${head}, ${skippedTotal} skipped: ${reasons.map(([reason, n]) => `${n} ${reason}`).join(", ")}`;
}
