"use client";

import { flexRender, type Table as TanStackTable } from "@tanstack/react-table";
import dynamic from "next/dynamic";
import { Fragment, type ReactNode } from "react";
import { Table, TableBody, TableCell, TableEmpty, TableHeader, TableRow } from "@/components/ui/table";
import type { InvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";

// The timeline loads with the first "Show Details", not with the list.
const InvoiceTimeline = dynamic(() => import("./invoice-timeline").then((module) => module.InvoiceTimeline), {
  ssr: false,
});

import type { useTableKeyboard } from "./use-table-keyboard";

const CONTROL_COLUMNS = new Set(["select", "actions"]);

/** The table itself: sortable headers, one-line rows (keyboard-navigable) and expanded details. */
export function InvoiceSetRows({
  table,
  expanded,
  keyboard,
  empty,
}: {
  table: TanStackTable<InvoiceSetTableRow>;
  expanded: Record<string, boolean>;
  keyboard: ReturnType<typeof useTableKeyboard>;
  /** Shown in place of rows when there are none. */
  empty: ReactNode;
}) {
  const rows = table.getRowModel().rows;
  return (
    <Table aria-label="Invoice sets">
      <TableHeader className="set-head uppercase">
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                >
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody ref={keyboard.bodyRef}>
        {rows.length === 0 ? <TableEmpty colSpan={table.getVisibleLeafColumns().length}>{empty}</TableEmpty> : null}
        {rows.map((row) => (
          <Fragment key={row.id}>
            <tr
              // Styled by this attribute and no class per row or cell (globals.css): the markup repeats on every row.
              data-invoice-set-id={row.id}
              aria-selected={row.getIsSelected() || undefined}
              tabIndex={keyboard.tabIndexFor(row.id)}
              onKeyDown={keyboard.onRowKeyDown}
              onFocus={(event) => {
                if (event.target === event.currentTarget) keyboard.onRowFocus(row.id);
              }}
            >
              {row.getVisibleCells().map((cell) => (
                // Data cells are named for tests and scripts (td[data-column=status]); the control cells need no name.
                <td key={cell.id} data-column={CONTROL_COLUMNS.has(cell.column.id) ? undefined : cell.column.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
            {expanded[row.id] ? (
              <TableRow className="bg-slate-50">
                <TableCell colSpan={row.getVisibleCells().length} className="px-6 py-3" id={`details-${row.id}`}>
                  <InvoiceTimeline invoiceSetId={row.id} version={`${row.original.status}:${row.original.ruleSetId}`} />
                </TableCell>
              </TableRow>
            ) : null}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
