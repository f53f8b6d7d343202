import { Badge, type BadgeTone } from "@/components/ui/badge";
import { INVOICE_SET_STATUS_LABELS, type InvoiceSetStatus } from "@/lib/state-machine/statuses";

const TONES: Record<InvoiceSetStatus, BadgeTone> = {
  active: "blue",
  paused: "amber",
  expired: "orange",
  will_fail: "orange",
  failed: "red",
  paid: "green",
  cancelled: "slate",
  written_off: "purple",
  collections: "purple",
};

export function InvoiceSetStatusBadge({ status }: { status: InvoiceSetStatus }) {
  return <Badge tone={TONES[status]}>{INVOICE_SET_STATUS_LABELS[status]}</Badge>;
}
