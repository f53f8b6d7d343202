"use client";

import { TZDate } from "@date-fns/tz";
import type { ColumnDef, HeaderContext, Table } from "@tanstack/react-table";
import { format } from "date-fns";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatDateInZone } from "@/lib/format/dates";
import { formatPhone } from "@/lib/format/phone";
import { explainContactProblem } from "@/lib/invoice-sets/explain-contact-problem";
import type { InvoiceSetRow } from "@/lib/invoice-sets/list-invoice-sets";
import { formatCents } from "@/lib/money";
import { RowMenu } from "./row-menu";
import type { RowMenuContext } from "./row-menu-items";
import { InvoiceSetStatusBadge } from "./status-badge";
import { StatusReason } from "./status-reason";

function SortHeader({ context, label }: { context: HeaderContext<InvoiceSetRow, unknown>; label: string }) {
  const sorted = context.column.getIsSorted();
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
      onClick={() => context.column.toggleSorting(sorted === "asc")}
    >
      {label}
      <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
    </button>
  );
}

/**
 * What changes between renders (expanded rows, the open menu, the row action runner). It
 * travels as the table's `meta` so the columns stay the same objects: new cell functions
 * would remount every cell and drop a menu's open dialog.
 */
export interface InvoiceSetTableMeta {
  expanded: Record<string, boolean>;
  toggleDetails: (id: string) => void;
  menuContext: RowMenuContext;
  /** Which row's "Actions" menu is open (one at a time; the keyboard can open it too). */
  menuOpenFor: string | null;
  setMenuOpenFor: (id: string | null) => void;
}

const metaOf = (table: Table<InvoiceSetRow>) => table.options.meta as InvoiceSetTableMeta;

/** Cells stay one or two short lines so a row is at most ~56 px tall at 1440 px. */
export function invoiceSetColumns(options: { canWrite: boolean; timeZone: string }): ColumnDef<InvoiceSetRow>[] {
  const { canWrite, timeZone } = options;
  // Why outreach fails, from the patient's contact facts; the stored reason if they say nothing.
  const reasonFor = (row: InvoiceSetRow) =>
    explainContactProblem(row.patient, timeZone).reasons.join(" · ") ||
    row.statusReason ||
    "Outreach can't reach this patient";
  const day = (date: Date | null) => formatDateInZone(date, timeZone);
  // Day on the first line, time under it: keeps the column narrow.
  const dayTime = (date: Date | null) =>
    date ? (
      <>
        {formatDateInZone(date, timeZone)}
        <span className="block text-xs text-slate-600">{format(new TZDate(date.getTime(), timeZone), "h:mm a")}</span>
      </>
    ) : (
      "—"
    );
  const columns: ColumnDef<InvoiceSetRow>[] = [];
  if (canWrite) {
    columns.push({
      id: "select",
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select all"
          checked={table.getIsAllRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label="Select row"
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    });
  }
  columns.push(
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => (
        <div className="max-w-44">
          <InvoiceSetStatusBadge status={row.original.status} />
          {row.original.status === "will_fail" || row.original.status === "failed" ? (
            <StatusReason text={reasonFor(row.original)} />
          ) : row.original.statusReason ? (
            <StatusReason text={row.original.statusReason} />
          ) : null}
          {row.original.resumeAt ? (
            <p className="mt-1 text-xs text-slate-600">Resumes {formatDateInZone(row.original.resumeAt, timeZone)}</p>
          ) : null}
        </div>
      ),
    },
    {
      id: "amount",
      header: (context) => <SortHeader context={context} label="Amount Outstanding" />,
      cell: ({ row }) => (
        <span className="whitespace-nowrap tabular-nums">{formatCents(row.original.amountOutstandingCents)}</span>
      ),
    },
    {
      id: "patient",
      header: "Patient",
      cell: ({ row }) => {
        const { patient } = row.original;
        return (
          <div className="whitespace-nowrap">
            <div className="flex items-baseline gap-2">
              <span className="font-medium text-slate-900">
                {patient.firstName} {patient.lastName}
              </span>
              {canWrite ? (
                <Link
                  href={`/patients/${patient.id}/payment`}
                  className="text-xs font-medium text-blue-700 hover:underline"
                >
                  Take Payment
                </Link>
              ) : null}
            </div>
            <div className="text-xs text-slate-600">
              {patient.phone ? formatPhone(patient.phone) : "No phone"} · {patient.externalId}
            </div>
          </div>
        );
      },
    },
    {
      id: "created",
      header: (context) => <SortHeader context={context} label="Created" />,
      cell: ({ row }) => <span className="whitespace-nowrap">{day(row.original.createdAt)}</span>,
    },
    {
      id: "nextSend",
      header: (context) => <SortHeader context={context} label="Next send" />,
      cell: ({ row }) => <span className="whitespace-nowrap">{dayTime(row.original.nextSendAt)}</span>,
    },
    {
      id: "ruleSet",
      header: "Rule set",
      cell: ({ row }) => (
        <span className="block max-w-36 truncate" title={row.original.ruleSetTitle}>
          {row.original.ruleSetTitle}
        </span>
      ),
    },
    {
      id: "actions",
      header: "Actions",
      cell: ({ row, table }) => {
        const { expanded, toggleDetails, menuContext, menuOpenFor, setMenuOpenFor } = metaOf(table);
        return (
          <div className="flex items-center justify-end gap-3 whitespace-nowrap">
            <Button
              variant="link"
              size="sm"
              className="h-7 text-xs"
              aria-expanded={Boolean(expanded[row.id])}
              aria-controls={`details-${row.id}`}
              onClick={() => toggleDetails(row.id)}
            >
              {expanded[row.id] ? "Hide Details" : "Show Details"}
            </Button>
            {canWrite ? (
              <RowMenu
                row={row.original}
                context={menuContext}
                open={menuOpenFor === row.id}
                onOpenChange={(open) => setMenuOpenFor(open ? row.id : null)}
              />
            ) : null}
          </div>
        );
      },
    },
  );
  return columns;
}
