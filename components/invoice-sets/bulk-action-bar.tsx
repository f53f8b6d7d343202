"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { previewRuleSetChangeAction, runBulkInvoiceSetAction } from "@/app/(staff)/billing/invoices/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { addTally, type BulkTally, describeBulkResult } from "@/lib/invoice-sets/describe-bulk-result";
import type { PauseInput } from "@/lib/invoice-sets/pause-options";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import {
  INVOICE_SET_TRANSITIONS,
  STAFF_INVOICE_SET_ACTIONS,
  type StaffInvoiceSetAction,
} from "@/lib/state-machine/invoice-set";
import { ChangeRuleSetDialog } from "./change-rule-set-dialog";
import { PauseDialog } from "./pause-dialog";

export type BulkTarget =
  | { kind: "ids"; ids: string[] }
  | { kind: "filter"; query: string; total: number; totalIsCapped: boolean };

/**
 * The bulk action bar: the same six actions for the selected sets. Each request is one
 * set-based transaction of at most 1,000 sets; a "select all matching" run walks the
 * matching sets chunk by chunk and shows its progress. Sets the action doesn't apply to
 * are skipped, and the summary says how many and why.
 */
export function BulkActionBar({
  target,
  ruleSets,
  onFinished,
}: {
  target: BulkTarget;
  ruleSets: RuleSetOption[];
  /** Called with the summary line once a run ends (also after a partial run). */
  onFinished: (summary: string) => void;
}) {
  const router = useRouter();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const count = target.kind === "ids" ? target.ids.length : target.total;
  // Past the count cap the real total is unknown until the run ends: show "N of 1,000+".
  const capped = target.kind === "filter" && target.totalIsCapped;
  const noun = count === 1 ? "invoice set" : "invoice sets";
  const countText = `${count.toLocaleString("en-US")}${capped ? "+" : ""}`;
  // Stable per selection, so the preview reloads only when the rule set or the selection changes.
  const targetKey = target.kind === "ids" ? target.ids.join(",") : target.query;
  // biome-ignore lint/correctness/useExhaustiveDependencies: targetKey stands for target
  const preview = useCallback(
    (ruleSetId: string) =>
      previewRuleSetChangeAction({
        ruleSetId,
        selection: target.kind === "ids" ? { kind: "ids", ids: target.ids } : { kind: "filter", query: target.query },
      }),
    [targetKey],
  );

  async function run(action: StaffInvoiceSetAction, ruleSetId?: string, pause?: PauseInput): Promise<boolean> {
    setProgress({ done: 0, total: count });
    let tally: BulkTally = { changed: 0, skipped: {} };
    let delayed = false;
    try {
      let afterId: string | null = null;
      for (;;) {
        const selection =
          target.kind === "ids"
            ? { kind: "ids" as const, ids: target.ids }
            : { kind: "filter" as const, query: target.query, afterId };
        const result = await runBulkInvoiceSetAction({ action, ruleSetId, pause, selection });
        if (!result.ok) {
          toast.error(
            tally.changed > 0
              ? `${result.message} (${describeBulkResult(action, tally)} before this.)`
              : result.message,
          );
          if (tally.changed > 0) onFinished(describeBulkResult(action, tally));
          return false;
        }
        tally = addTally(tally, result.data);
        delayed ||= result.data.outreachDelayed;
        setProgress((p) => {
          const done = (p?.done ?? 0) + result.data.processed;
          return { done: capped ? done : Math.min(done, count), total: capped ? Math.max(count, done) : count };
        });
        afterId = result.data.nextAfterId;
        if (target.kind === "ids" || afterId === null) break;
      }
      const text = describeBulkResult(action, tally);
      toast.success(text + (delayed ? ". Outreach will catch up once the background service is reachable." : ""));
      onFinished(text);
      return true;
    } catch {
      toast.error("The server could not be reached. Sets already processed keep their change; try again for the rest.");
      return false;
    } finally {
      setProgress(null);
      router.refresh();
    }
  }

  return (
    <section aria-label="Bulk actions" className="mb-3 rounded-lg border border-blue-200 bg-blue-50 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-2 text-sm font-medium">
          {countText} {noun} selected
        </span>
        {STAFF_INVOICE_SET_ACTIONS.map((action) => {
          const { label, destructive } = INVOICE_SET_TRANSITIONS[action];
          if (action === "change_rule_set") {
            return (
              <ChangeRuleSetDialog
                key={action}
                ruleSets={ruleSets}
                description={`Switch ${countText} ${noun} to another rule set. Sets already on it, or closed, are skipped.`}
                preview={preview}
                onSave={(ruleSetId) => run(action, ruleSetId)}
              />
            );
          }
          if (action === "pause") {
            return (
              <PauseDialog
                key={action}
                description={`Pause outreach to ${countText} ${noun}, until you resume them or until a date. Sets that can't be paused are skipped.`}
                onPause={(pause) => run(action, undefined, pause)}
              />
            );
          }
          if (destructive) {
            return (
              <ConfirmDialog
                key={action}
                trigger={label}
                title={`${label} ${countText} ${noun}?`}
                description="Sets this doesn't apply to are skipped. This can't be undone."
                onConfirm={async () => {
                  await run(action);
                }}
              />
            );
          }
          return (
            <Button
              key={action}
              variant="secondary"
              size="sm"
              disabled={progress !== null}
              onClick={() => void run(action)}
            >
              {label}
            </Button>
          );
        })}
      </div>
      {progress ? (
        <div className="mt-2 flex items-center gap-2 text-xs text-slate-700">
          <progress aria-label="Bulk action progress" max={progress.total} value={progress.done} className="h-2 w-48" />
          {progress.done.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")}
          {capped ? "+" : ""} processed
        </div>
      ) : null}
    </section>
  );
}
