import { formatCalendarDate } from "@/lib/format/dates";
import { formatCents } from "@/lib/money";

export interface InstallmentRow {
  seq: number;
  dueOn: string;
  amountCents: number;
  isDownPayment: boolean;
  /** Covered so far; omitted in a preview. */
  paidCents?: number;
}

function state(item: InstallmentRow): string | null {
  if (item.paidCents === undefined) return null;
  if (item.paidCents >= item.amountCents) return "Paid";
  if (item.paidCents > 0) return `${formatCents(item.paidCents)} paid`;
  return "Scheduled";
}

/** A plan's installments as a list: date, amount, and (for a saved plan) paid or scheduled. */
export function InstallmentList({ label, items }: { label: string; items: readonly InstallmentRow[] }) {
  return (
    <ol aria-label={label} className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
      {items.map((item) => (
        <li key={item.seq} className="flex items-center justify-between gap-3 px-3 py-1.5">
          <span>
            {formatCalendarDate(item.dueOn)}
            {item.isDownPayment ? " (down payment)" : ""}
          </span>
          <span className="tabular-nums">
            {formatCents(item.amountCents)}
            {state(item) ? <span className="ml-2 text-xs text-slate-500">{state(item)}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
