import { Badge, type BadgeTone } from "@/components/ui/badge";
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from "@/lib/state-machine/statuses";

const TONES: Record<InvoiceStatus, BadgeTone> = {
  draft: "slate",
  issued: "blue",
  partially_paid: "amber",
  paid: "green",
  voided: "purple",
};

/** The status badge and the Past Due / Bad Debt flags (invoice-statuses.txt). */
export function InvoiceStatusBadges({
  status,
  pastDue,
  badDebt,
}: {
  status: InvoiceStatus;
  pastDue: boolean;
  badDebt: boolean;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={TONES[status]} data-testid="invoice-status">
        {INVOICE_STATUS_LABELS[status]}
      </Badge>
      {pastDue ? <Badge tone="orange">Past Due</Badge> : null}
      {badDebt ? <Badge tone="red">Bad Debt</Badge> : null}
    </span>
  );
}
