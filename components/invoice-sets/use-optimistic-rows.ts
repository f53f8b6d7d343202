"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { InvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import type { PauseInput } from "@/lib/invoice-sets/pause-options";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import { decideInvoiceSetTransition, type StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import { runInvoiceSetAction } from "./run-invoice-set-action";

type Override = Pick<InvoiceSetTableRow, "status" | "ruleSetId">;

/**
 * Row actions that show their result at once: the row takes the status the state machine
 * predicts while the server works, and goes back (with the refusal as a toast) if the
 * server says no. Overrides end when the server's rows arrive.
 */
export function useOptimisticRows(rows: InvoiceSetTableRow[], ruleSets: RuleSetOption[]) {
  const router = useRouter();
  const [overrides, setOverrides] = useState<Record<string, Override>>({});
  const rowsKey = rows.map((row) => `${row.id}:${row.status}:${row.ruleSetId}`).join(",");
  const [overridesFor, setOverridesFor] = useState(rowsKey);
  if (overridesFor !== rowsKey) {
    setOverridesFor(rowsKey);
    setOverrides({});
  }

  const shown = rows.map((row) => {
    const override = overrides[row.id];
    return override ? { ...row, ...override } : row;
  });

  async function apply(
    row: InvoiceSetTableRow,
    action: StaffInvoiceSetAction,
    ruleSetId?: string,
    pause?: PauseInput,
  ): Promise<boolean> {
    const decision = decideInvoiceSetTransition(row.status, action);
    const ruleSet = ruleSets.find((option) => option.id === ruleSetId);
    if (decision.ok) {
      setOverrides((current) => ({
        ...current,
        [row.id]: { status: decision.to, ruleSetId: ruleSet?.id ?? row.ruleSetId },
      }));
    }
    const applied = await runInvoiceSetAction(action, row.id, ruleSetId, pause);
    if (!applied) {
      setOverrides(({ [row.id]: _rolledBack, ...rest }) => rest);
    }
    router.refresh();
    return applied;
  }

  return { rows: shown, apply };
}
