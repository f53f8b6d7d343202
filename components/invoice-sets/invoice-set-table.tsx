"use client";

import { getCoreRowModel, type SortingState, useReactTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import type { InvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import {
  hasActiveFilters,
  type InvoiceSetSort,
  serializeInvoiceSetSearchParams,
} from "@/lib/invoice-sets/search-params";
import { type InvoiceSetTableMeta, invoiceSetColumns } from "./invoice-set-columns";
import { InvoiceSetPagination } from "./invoice-set-pagination";
import { InvoiceSetRows } from "./invoice-set-rows";
import { InvoiceSetToolbar } from "./invoice-set-toolbar";
import { useInvoiceSetParams } from "./use-invoice-set-params";
import { useInvoiceSetSelection } from "./use-invoice-set-selection";
import { useOptimisticRows } from "./use-optimistic-rows";
import { useTableKeyboard } from "./use-table-keyboard";

const SORT_IDS: Record<string, InvoiceSetSort> = { amount: "amount", created: "created", nextSend: "nextSend" };

/**
 * The invoice-set table: TanStack Table in manual mode (the server pages, sorts and
 * filters; the browser only ever holds one page). Pieces: toolbar (bulk bar, shortcuts),
 * rows (keyboard, row menus), pagination. While the server re-renders, the old rows stay
 * in place, dimmed, so nothing jumps.
 */
export function InvoiceSetTable({
  rows: serverRows,
  total,
  totalIsCapped,
  nextCursor,
  prevCursor,
  canWrite,
  ruleSets,
}: {
  rows: InvoiceSetTableRow[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
  canWrite: boolean;
  ruleSets: RuleSetOption[];
}) {
  const { params, setParams, isPending } = useInvoiceSetParams();
  const router = useRouter();
  const { rows, apply } = useOptimisticRows(serverRows, ruleSets);
  const selection = useInvoiceSetSelection(
    serverRows,
    serializeInvoiceSetSearchParams({ ...params, cursor: null }),
    total,
    totalIsCapped,
  );
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const [menuOpenFor, setMenuOpenFor] = useState<string | null>(null);
  const toggleDetails = (id: string) => setExpanded((e) => ({ ...e, [id]: !e[id] }));

  const columns = useMemo(() => invoiceSetColumns({ canWrite }), [canWrite]);
  const meta: InvoiceSetTableMeta = {
    expanded,
    toggleDetails,
    menuContext: { ruleSets, apply, refresh: router.refresh },
    menuOpenFor,
    setMenuOpenFor,
  };
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
    meta,
    enableRowSelection: canWrite,
    enableSortingRemoval: false,
    state: { rowSelection: selection.rowSelection, sorting },
    onRowSelectionChange: selection.onRowSelectionChange,
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      const sort = first ? SORT_IDS[first.id] : undefined;
      if (first && sort) void setParams({ sort, dir: first.desc ? "desc" : "asc", cursor: null });
    },
  });

  const keyboard = useTableKeyboard(
    rows.map((row) => row.id),
    {
      toggleSelected: (id) => {
        if (canWrite) table.getRow(id).toggleSelected();
      },
      toggleDetails,
      openMenu: (id) => {
        if (canWrite) setMenuOpenFor(id);
      },
    },
  );

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
    <div aria-busy={isPending || undefined} className={isPending ? "opacity-60 transition-opacity" : undefined}>
      <InvoiceSetToolbar
        selection={selection}
        canWrite={canWrite}
        ruleSets={ruleSets}
        pageSize={rows.length}
        total={total}
        totalIsCapped={totalIsCapped}
      />
      <InvoiceSetRows
        table={table}
        expanded={expanded}
        keyboard={keyboard}
        empty={
          <>
            <p>{filtersOn ? "No invoice sets match these filters." : "There are no invoice sets yet."}</p>
            {filtersOn ? (
              <Button variant="secondary" size="sm" className="mt-3" onClick={clearFilters}>
                Clear filters
              </Button>
            ) : null}
          </>
        }
      />
      <InvoiceSetPagination
        shown={rows.length}
        total={total}
        totalIsCapped={totalIsCapped}
        nextCursor={nextCursor}
        prevCursor={prevCursor}
      />
    </div>
  );
}
