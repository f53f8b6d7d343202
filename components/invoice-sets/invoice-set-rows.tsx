"use client";

import { flexRender, type Table } from "@tanstack/react-table";
import { Fragment } from "react";
import type { InvoiceSetRow } from "@/lib/invoice-sets/list-invoice-sets";
import { InvoiceTimeline } from "./invoice-timeline";
import type { useTableKeyboard } from "./use-table-keyboard";

/** The table itself: sortable headers, one-line rows (keyboard-navigable) and expanded details. */
export function InvoiceSetRows({
  table,
  expanded,
  keyboard,
}: {
  table: Table<InvoiceSetRow>;
  expanded: Record<string, boolean>;
  keyboard: ReturnType<typeof useTableKeyboard>;
}) {
  return (
    <table className="w-full text-left text-sm" aria-label="Invoice sets">
      <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <th
                  key={header.id}
                  scope="col"
                  className="px-3 py-2 font-medium last:text-right"
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                >
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody ref={keyboard.bodyRef}>
        {table.getRowModel().rows.map((row) => (
          <Fragment key={row.id}>
            <tr
              className="border-t border-slate-100 align-middle outline-none hover:bg-slate-50 focus-visible:bg-blue-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-700 aria-selected:bg-blue-50/60"
              data-invoice-set-id={row.id}
              aria-selected={row.getIsSelected() || undefined}
              tabIndex={keyboard.tabIndexFor(row.id)}
              onKeyDown={keyboard.onRowKeyDown}
              onFocus={(event) => {
                if (event.target === event.currentTarget) keyboard.onRowFocus(row.id);
              }}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-3 py-1.5" data-column={cell.column.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
            {expanded[row.id] ? (
              <tr className="bg-slate-50">
                <td colSpan={row.getVisibleCells().length} className="px-6 py-3" id={`details-${row.id}`}>
                  <InvoiceTimeline invoiceSetId={row.id} version={`${row.original.status}:${row.original.ruleSetId}`} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
