"use client";

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type RowSelectionState,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { Fragment, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import type { InvoiceSetRow } from "@/lib/invoice-sets/list-invoice-sets";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import {
  hasActiveFilters,
  type InvoiceSetSort,
  PAGE_SIZES,
  serializeInvoiceSetSearchParams,
} from "@/lib/invoice-sets/search-params";
import { BulkActionBar, type BulkTarget } from "./bulk-action-bar";
import { invoiceSetColumns } from "./invoice-set-columns";
import { InvoiceTimeline } from "./invoice-timeline";
import { useInvoiceSetParams } from "./use-invoice-set-params";

const SORT_IDS: Record<string, InvoiceSetSort> = { amount: "amount", created: "created", nextSend: "nextSend" };

/**
 * The invoice-set table: TanStack Table in manual mode (the server pages, sorts and
 * filters; the browser only ever holds one page). Selection feeds the bulk action bar.
 */
export function InvoiceSetTable({
  rows,
  total,
  totalIsCapped,
  nextCursor,
  prevCursor,
  canWrite,
  ruleSets,
  timeZone,
}: {
  rows: InvoiceSetRow[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
  canWrite: boolean;
  ruleSets: RuleSetOption[];
  timeZone: string;
}) {
  const { params, setParams, isPending } = useInvoiceSetParams();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const [bulkSummary, setBulkSummary] = useState<string | null>(null);
  // A new page of rows (filters, sort, paging or a refresh) starts with nothing selected.
  const rowsKey = rows.map((row) => `${row.id}:${row.status}`).join(",");
  const [selectionFor, setSelectionFor] = useState(rowsKey);
  if (selectionFor !== rowsKey) {
    setSelectionFor(rowsKey);
    setRowSelection({});
    setAllMatching(false);
  }

  const columns = useMemo<ColumnDef<InvoiceSetRow>[]>(
    () =>
      invoiceSetColumns({
        canWrite,
        ruleSets,
        timeZone,
        expanded,
        toggle: (id) => setExpanded((e) => ({ ...e, [id]: !e[id] })),
      }),
    [canWrite, ruleSets, timeZone, expanded],
  );
  const sorting: SortingState = [{ id: params.sort, desc: params.dir === "desc" }];

  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    enableRowSelection: canWrite,
    enableSortingRemoval: false,
    state: { rowSelection, sorting },
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setRowSelection(updater);
    },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      const sort = first ? SORT_IDS[first.id] : undefined;
      if (first && sort) void setParams({ sort, dir: first.desc ? "desc" : "asc", cursor: null });
    },
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const pageAllSelected = rows.length > 0 && selectedIds.length === rows.length;
  const bulkTarget: BulkTarget | null = allMatching
    ? { kind: "filter", query: serializeInvoiceSetSearchParams({ ...params, cursor: null }), total, totalIsCapped }
    : selectedIds.length > 0
      ? { kind: "ids", ids: selectedIds }
      : null;
  const filtersOn = hasActiveFilters(params);
  const clearFilters = () =>
    void setParams({
      q: "",
      status: [],
      amountMin: null,
      amountMax: null,
      createdFrom: null,
      createdTo: null,
      sendFrom: null,
      sendTo: null,
      ruleSet: null,
      cursor: null,
    });

  return (
    <div aria-busy={isPending} className={isPending ? "opacity-60 transition-opacity" : undefined}>
      {bulkSummary ? (
        <div
          role="status"
          aria-label="Bulk action result"
          className="mb-3 flex items-center justify-between rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
        >
          {bulkSummary}
          <Button variant="ghost" size="sm" onClick={() => setBulkSummary(null)}>
            Dismiss
          </Button>
        </div>
      ) : null}
      {canWrite && bulkTarget ? (
        <>
          {pageAllSelected && total > rows.length && !allMatching ? (
            <div className="mb-2 text-sm">
              All {rows.length} on this page are selected.{" "}
              <Button variant="link" size="sm" onClick={() => setAllMatching(true)}>
                Select all {total.toLocaleString("en-US")}
                {totalIsCapped ? "+" : ""} matching these filters
              </Button>
            </div>
          ) : null}
          <BulkActionBar
            target={bulkTarget}
            ruleSets={ruleSets}
            onFinished={(summary) => {
              setBulkSummary(summary);
              setRowSelection({});
              setAllMatching(false);
            }}
          />
        </>
      ) : null}

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
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
                      className="px-3 py-2 font-medium whitespace-nowrap"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    >
                      {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <tr
                  className="border-t border-slate-100 align-top"
                  data-invoice-set-id={row.id}
                  aria-selected={row.getIsSelected() || undefined}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-2" data-column={cell.column.id}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
                {expanded[row.id] ? (
                  <tr className="bg-slate-50">
                    <td colSpan={row.getVisibleCells().length} className="px-6 py-3" id={`details-${row.id}`}>
                      <InvoiceTimeline
                        invoiceSetId={row.id}
                        version={`${row.original.status}:${row.original.ruleSetId}`}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <div className="p-8 text-center text-sm text-slate-600">
            <p>{filtersOn ? "No invoice sets match these filters." : "There are no invoice sets yet."}</p>
            {filtersOn ? (
              <Button variant="secondary" size="sm" className="mt-3" onClick={clearFilters}>
                Clear filters
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>

      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-slate-600">
          {total.toLocaleString("en-US")}
          {totalIsCapped ? "+" : ""} invoice {total === 1 && !totalIsCapped ? "set" : "sets"}
          {rows.length > 0 ? ` · showing ${rows.length}` : ""}
        </p>
        <div className="flex items-center gap-2">
          <label htmlFor="page-size" className="text-slate-600">
            Rows per page
          </label>
          <Select
            id="page-size"
            className="w-20"
            value={params.size}
            onChange={(event) => {
              const size = PAGE_SIZES.find((s) => String(s) === event.target.value);
              if (size) void setParams({ size, cursor: null });
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
          <Button
            variant="secondary"
            size="sm"
            disabled={!params.cursor}
            onClick={() => void setParams({ cursor: null })}
          >
            First page
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!prevCursor}
            onClick={() => void setParams({ cursor: prevCursor })}
          >
            Previous page
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!nextCursor}
            onClick={() => void setParams({ cursor: nextCursor })}
          >
            Next page
          </Button>
        </div>
      </div>
    </div>
  );
}
