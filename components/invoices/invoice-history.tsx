import { formatDateTimeInZone } from "@/lib/format/dates";
import type { InvoiceReview } from "@/lib/invoices/get-invoice-review";
import { formatCents } from "@/lib/money";
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from "@/lib/state-machine/statuses";

const ACTION_LABELS: Record<string, string> = {
  "invoice.create": "Created the draft",
  "invoice.edit": "Edited the draft",
  "invoice.duplicate": "Created this draft by duplicating a voided invoice",
  "invoice.delete": "Deleted the draft",
  "invoice.issue": "Issued",
  "invoice.record_payment": "Recorded a payment",
  "invoice.void": "Voided",
  "invoice.mark_bad_debt": "Marked as bad debt",
  "invoice.flag_past_due": "Flagged as past due",
  "invoice.clear_past_due": "Cleared the past-due flag",
};

function describe(entry: InvoiceReview["history"][number]): string {
  const label = ACTION_LABELS[entry.action] ?? entry.action;
  const before = entry.before?.status as InvoiceStatus | undefined;
  const after = entry.after?.status as InvoiceStatus | undefined;
  const parts = [label];
  if (
    entry.action === "invoice.record_payment" &&
    typeof entry.after?.paidCents === "number" &&
    typeof entry.before?.paidCents === "number"
  ) {
    parts[0] = `Recorded a payment of ${formatCents(entry.after.paidCents - entry.before.paidCents)}`;
  }
  if (before && after && before !== after)
    parts.push(`${INVOICE_STATUS_LABELS[before]} → ${INVOICE_STATUS_LABELS[after]}`);
  if (entry.action === "invoice.void" && typeof entry.after?.voidReason === "string")
    parts.push(`reason: ${entry.after.voidReason}`);
  return parts.join(" · ");
}

/** Who did what, when (the invoice's audit log), newest first. */
export function InvoiceHistory({ history, timeZone }: { history: InvoiceReview["history"]; timeZone: string }) {
  if (history.length === 0) return <p className="text-sm text-slate-600">No history yet.</p>;
  return (
    <ol aria-label="Invoice history" className="flex flex-col gap-2">
      {history.map((entry) => (
        <li key={entry.id} className="text-sm">
          <time dateTime={entry.createdAt.toISOString()} className="text-slate-500">
            {formatDateTimeInZone(entry.createdAt, timeZone)}
          </time>{" "}
          —{" "}
          <span className="font-medium">
            {entry.actorKind === "user"
              ? (entry.actorName ?? "Staff")
              : entry.actorKind === "api_key"
                ? `API key “${entry.apiKeyName ?? "revoked"}”`
                : entry.actorKind === "system"
                  ? "System"
                  : "Patient"}
          </span>
          : {describe(entry)}
        </li>
      ))}
    </ol>
  );
}
