"use client";

import type { RowSelectionState } from "@tanstack/react-table";
import { useState } from "react";
import type { InvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import type { BulkTarget } from "./bulk-action-bar";

/**
 * Which sets the bulk bar acts on: the checked rows, or every set matching the filters
 * ("Select all N matching"). A new page of rows starts with nothing selected.
 */
export function useInvoiceSetSelection(
  rows: InvoiceSetTableRow[],
  filterQuery: string,
  total: number,
  capped: boolean,
) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const rowsKey = rows.map((row) => `${row.id}:${row.status}`).join(",");
  const [selectionFor, setSelectionFor] = useState(rowsKey);
  if (selectionFor !== rowsKey) {
    setSelectionFor(rowsKey);
    setRowSelection({});
    setAllMatching(false);
  }

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const target: BulkTarget | null = allMatching
    ? { kind: "filter", query: filterQuery, total, totalIsCapped: capped }
    : selectedIds.length > 0
      ? { kind: "ids", ids: selectedIds }
      : null;

  return {
    rowSelection,
    target,
    /** Every row of this page is checked while more sets match than the page shows. */
    canSelectAllMatching: !allMatching && rows.length > 0 && selectedIds.length === rows.length && total > rows.length,
    onRowSelectionChange: (update: RowSelectionState | ((old: RowSelectionState) => RowSelectionState)) => {
      setAllMatching(false);
      setRowSelection(update);
    },
    selectAllMatching: () => setAllMatching(true),
    clear: () => {
      setRowSelection({});
      setAllMatching(false);
    },
  };
}
