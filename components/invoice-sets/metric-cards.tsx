import Link from "next/link";
import { cn } from "@/lib/cn";
import type { AttentionCounts, AttentionStatus } from "@/lib/invoice-sets/count-metric-cards";
import { resumingSoonText } from "@/lib/invoice-sets/resuming-soon-text";
import { type InvoiceSetSearchParams, serializeInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { INVOICE_SET_STATUS_LABELS } from "@/lib/state-machine/statuses";

const CARDS: { status: AttentionStatus; hint: string; accent: string }[] = [
  { status: "failed", hint: "Could not be delivered", accent: "border-l-red-600" },
  { status: "expired", hint: "Sequence finished, balance remains", accent: "border-l-orange-500" },
  { status: "paused", hint: "Outreach paused by staff", accent: "border-l-amber-500" },
  { status: "will_fail", hint: "Next message predicted to fail", accent: "border-l-orange-600" },
];

/** The four attention counts; each card is a link that filters the table to its status. */
export function MetricCards({
  counts,
  params,
  resumingSoon,
}: {
  counts: AttentionCounts;
  params: InvoiceSetSearchParams;
  /** Paused sets that resume by themselves within 7 days ("Pause until"). */
  resumingSoon: number;
}) {
  return (
    <nav aria-label="Invoice metrics" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
      {CARDS.map(({ status, hint, accent }) => {
        const label = INVOICE_SET_STATUS_LABELS[status];
        const selected = params.status.length === 1 && params.status[0] === status;
        const href = serializeInvoiceSetSearchParams("/billing/invoices", {
          ...params,
          status: [status],
          cursor: null,
        });
        return (
          // The link is the status name; its ::after covers the card, so the whole card is
          // clickable while the link's name stays exactly what it shows (WCAG 2.5.3).
          <div key={status} className={cn("metric-card", accent, selected && "ring-2 ring-blue-600")}>
            <Link
              href={href}
              aria-describedby={`metric-${status}-count`}
              {...(selected ? { "aria-current": "true" } : {})}
              className="metric-link"
            >
              {label}
            </Link>
            <div id={`metric-${status}-count`} className="metric-count" data-testid={`metric-${status}`}>
              {counts[status].toLocaleString("en-US")}
            </div>
            <div className="metric-hint">
              {status === "paused" && resumingSoon > 0 ? resumingSoonText(resumingSoon) : hint}
            </div>
          </div>
        );
      })}
    </nav>
  );
}
