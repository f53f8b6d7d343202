"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import { KeyboardShortcutsDialog } from "./keyboard-shortcuts-dialog";
import type { useInvoiceSetSelection } from "./use-invoice-set-selection";

// The bulk bar (its dialogs and previews) loads with the first selection, not with the list.
const BulkActionBar = dynamic(() => import("./bulk-action-bar").then((module) => module.BulkActionBar), { ssr: false });

/** Above the table: the last bulk result, "select all matching", the bulk bar and the shortcuts. */
export function InvoiceSetToolbar({
  selection,
  canWrite,
  ruleSets,
  pageSize,
  total,
  totalIsCapped,
}: {
  selection: ReturnType<typeof useInvoiceSetSelection>;
  canWrite: boolean;
  ruleSets: RuleSetOption[];
  pageSize: number;
  total: number;
  totalIsCapped: boolean;
}) {
  const [bulkSummary, setBulkSummary] = useState<string | null>(null);
  return (
    <>
      <div className="mb-2 flex min-h-8 items-center justify-between gap-3">
        {bulkSummary ? (
          <div
            role="status"
            aria-label="Bulk action result"
            className="flex flex-1 items-center justify-between rounded-md border border-green-200 bg-green-50 px-3 py-1 text-sm text-green-900"
          >
            {bulkSummary}
            <Button variant="ghost" size="sm" onClick={() => setBulkSummary(null)}>
              Dismiss
            </Button>
          </div>
        ) : (
          <span />
        )}
        <KeyboardShortcutsDialog canWrite={canWrite} />
      </div>
      {canWrite && selection.target ? (
        <>
          {selection.canSelectAllMatching ? (
            <div className="mb-2 text-sm">
              All {pageSize} on this page are selected.{" "}
              <Button variant="link" size="sm" onClick={selection.selectAllMatching}>
                Select all {total.toLocaleString("en-US")}
                {totalIsCapped ? "+" : ""} matching these filters
              </Button>
            </div>
          ) : null}
          <BulkActionBar
            target={selection.target}
            ruleSets={ruleSets}
            onFinished={(summary) => {
              setBulkSummary(summary);
              selection.clear();
            }}
          />
        </>
      ) : null}
    </>
  );
}
