"use client";

import type { ColumnDef, HeaderContext, Table } from "@tanstack/react-table";
import Link from "next/link";
import type { InvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import { formatCents } from "@/lib/money";
import { RowMenu } from "./row-menu";
import type { RowMenuContext } from "./row-menu-items";
import { InvoiceSetStatusBadge } from "./status-badge";
import { StatusReason } from "./status-reason";

function SortHeader({ context, label }: { context: HeaderContext<InvoiceSetTableRow, unknown>; label: string }) {
  const sorted = context.column.getIsSorted();
  return (
    <button type="button" className="set-sort" onClick={() => context.column.toggleSorting(sorted === "asc")}>
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

const metaOf = (table: Table<InvoiceSetTableRow>) => table.options.meta as InvoiceSetTableMeta;

/** Cells stay one or two short lines so a row is at most ~56 px tall at 1440 px. */
export function invoiceSetColumns(options: { canWrite: boolean }): ColumnDef<InvoiceSetTableRow>[] {
  const { canWrite } = options;
  const columns: ColumnDef<InvoiceSetTableRow>[] = [];
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
        <>
          <InvoiceSetStatusBadge status={row.original.status} />
          {row.original.reason ? <StatusReason text={row.original.reason} /> : null}
          {row.original.resumeDay ? <small className="mt-1">{`Resumes ${row.original.resumeDay}`}</small> : null}
        </>
      ),
    },
    {
      id: "amount",
      header: (context) => <SortHeader context={context} label="Amount Outstanding" />,
      cell: ({ row }) => formatCents(row.original.amountOutstandingCents),
    },
    {
      id: "patient",
      header: "Patient",
      cell: ({ row }) => {
        const { patient } = row.original;
        return (
          <>
            <b>{patient.name}</b>
            {canWrite ? (
              <Link href={`/patients/${patient.id}/payment`} className="set-link">
                Take Payment
              </Link>
            ) : null}
            <small>{`${patient.phoneText ?? "No phone"} · ${patient.externalId}`}</small>
          </>
        );
      },
    },
    {
      id: "created",
      header: (context) => <SortHeader context={context} label="Created" />,
      cell: ({ row }) => row.original.createdDay,
    },
    {
      id: "nextSend",
      header: (context) => <SortHeader context={context} label="Next send" />,
      // Day on the first line, time under it: keeps the column narrow.
      cell: ({ row }) => {
        const next = row.original.nextSend;
        return next ? (
          <>
            {next.day}
            <small>{next.time}</small>
          </>
        ) : (
          "—"
        );
      },
    },
    {
      id: "ruleSet",
      header: "Rule set",
      cell: ({ row, table }) => {
        const title = metaOf(table).menuContext.ruleSets.find(
          (ruleSet) => ruleSet.id === row.original.ruleSetId,
        )?.title;
        return (
          <span className="set-trunc" title={title}>
            {title}
          </span>
        );
      },
    },
    {
      id: "actions",
      header: "Actions",
      cell: ({ row, table }) => {
        const { expanded, toggleDetails, menuContext, menuOpenFor, setMenuOpenFor } = metaOf(table);
        return (
          <>
            <button
              type="button"
              className="set-link"
              aria-expanded={Boolean(expanded[row.id])}
              // The details row exists only while expanded.
              aria-controls={expanded[row.id] ? `details-${row.id}` : undefined}
              onClick={() => toggleDetails(row.id)}
            >
              {expanded[row.id] ? "Hide Details" : "Show Details"}
            </button>
            {canWrite ? (
              <RowMenu
                row={row.original}
                context={menuContext}
                open={menuOpenFor === row.id}
                onOpenChange={(open) => setMenuOpenFor(open ? row.id : null)}
              />
            ) : null}
          </>
        );
      },
    },
  );
  return columns;
}
