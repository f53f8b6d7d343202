"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { importBatchAction } from "@/app/(staff)/imports/actions";
import { FormAlert } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";

/** "Import N rows": one batch of 1,000 rows per request, with a progress bar between them. */
export function RunImport({
  importId,
  goodRows,
  resumeFrom,
}: {
  importId: string;
  goodRows: number;
  resumeFrom: number;
}) {
  const router = useRouter();
  const [issueInvoices, setIssueInvoices] = useState(false);
  const [done, setDone] = useState<number | null>(resumeFrom > 0 ? resumeFrom : null);
  const [error, setError] = useState<string | null>(null);
  const running = done !== null;

  async function run() {
    setError(null);
    setDone(resumeFrom);
    for (;;) {
      const result = await importBatchAction({ importId, issueInvoices });
      if (!result.ok) {
        setError(`${result.message} Rows already written stay written; Import again continues where it stopped.`);
        return;
      }
      setDone(result.data.importedRows);
      if (result.data.done) break;
    }
    router.refresh();
  }

  const label = `Import ${goodRows.toLocaleString("en-US")} rows`;
  return (
    <div className="flex flex-col gap-3">
      <FormAlert message={error} />
      <div>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={issueInvoices}
            aria-describedby="issue-invoices-hint"
            onChange={(event) => setIssueInvoices(event.target.checked)}
          />
          Issue invoices
        </label>
        <p id="issue-invoices-hint" className="text-xs text-slate-500">
          Issuing opens invoice sets and starts outreach. Unticked, rows become drafts unless the file marks them
          issued.
        </p>
      </div>
      <div className="flex items-center gap-3">
        <Button type="button" onClick={run} disabled={(running && !error) || goodRows === 0}>
          {label}
        </Button>
        {running ? (
          <progress
            aria-label="Import progress"
            max={goodRows}
            value={done ?? 0}
            className="h-2 w-64"
          >{`${done} of ${goodRows}`}</progress>
        ) : null}
        {running ? (
          <span className="text-sm text-slate-600" role="status">
            {(done ?? 0).toLocaleString("en-US")} of {goodRows.toLocaleString("en-US")} rows written
          </span>
        ) : null}
      </div>
    </div>
  );
}
