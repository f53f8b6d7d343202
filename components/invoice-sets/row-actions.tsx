"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { PaymentPlanDialog } from "@/components/payment-plans/payment-plan-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { PauseInput } from "@/lib/invoice-sets/pause-options";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import {
  allowedStaffInvoiceSetActions,
  INVOICE_SET_TRANSITIONS,
  type StaffInvoiceSetAction,
} from "@/lib/state-machine/invoice-set";
import { type InvoiceSetStatus, isOpenInvoiceSetStatus } from "@/lib/state-machine/statuses";
import { ChangeRuleSetDialog } from "./change-rule-set-dialog";
import { PauseDialog } from "./pause-dialog";
import { runInvoiceSetAction } from "./run-invoice-set-action";

const CONFIRM_TEXT: Partial<Record<StaffInvoiceSetAction, string>> = {
  write_off: "The set's open invoices are marked Bad Debt and outreach stops. This can't be undone.",
  send_to_collections:
    "The set's open invoices are marked as sent to collections and outreach stops. This can't be undone.",
  cancel: "All outreach for this invoice set stops for good. This can't be undone.",
};

/** The actions the state machine allows for this row's status, and nothing else. */
export function RowActions({
  invoiceSetId,
  status,
  ruleSetId,
  patientName,
  ruleSets,
}: {
  invoiceSetId: string;
  status: InvoiceSetStatus;
  ruleSetId: string;
  patientName: string;
  ruleSets: RuleSetOption[];
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const actions = allowedStaffInvoiceSetActions(status);
  if (actions.length === 0) return <span className="text-xs text-slate-400">No actions</span>;

  async function run(action: StaffInvoiceSetAction, ruleSet?: string, pause?: PauseInput) {
    setBusy(true);
    try {
      const applied = await runInvoiceSetAction(action, invoiceSetId, ruleSet, pause);
      router.refresh();
      return applied;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap gap-1.5" aria-busy={busy}>
      {isOpenInvoiceSetStatus(status) ? (
        <PaymentPlanDialog invoiceSetId={invoiceSetId} patientName={patientName} canWrite />
      ) : null}
      {actions.map((action) => {
        const { label, destructive } = INVOICE_SET_TRANSITIONS[action];
        if (action === "change_rule_set") {
          return (
            <ChangeRuleSetDialog
              key={action}
              ruleSets={ruleSets}
              currentRuleSetId={ruleSetId}
              description={`Switch ${patientName}'s outreach to another rule set.`}
              onSave={(ruleSet) => run(action, ruleSet)}
            />
          );
        }
        if (action === "pause") {
          return (
            <PauseDialog
              key={action}
              description={`Pause outreach to ${patientName}, until you resume it or until a date.`}
              onPause={(pause) => run(action, undefined, pause)}
            />
          );
        }
        if (destructive) {
          return (
            <ConfirmDialog
              key={action}
              trigger={label}
              title={`${label}?`}
              description={`${label} the invoice set of ${patientName}. ${CONFIRM_TEXT[action] ?? ""}`}
              onConfirm={async () => {
                await run(action);
              }}
            />
          );
        }
        return (
          <Button key={action} variant="secondary" size="sm" disabled={busy} onClick={() => void run(action)}>
            {label}
          </Button>
        );
      })}
    </div>
  );
}
