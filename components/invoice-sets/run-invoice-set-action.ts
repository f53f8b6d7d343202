"use client";

import {
  cancelInvoiceSet,
  changeInvoiceSetRuleSet,
  pauseInvoiceSet,
  resumeInvoiceSet,
  sendInvoiceSetToCollections,
  writeOffInvoiceSet,
} from "@/app/(staff)/billing/invoices/actions";
import { toast } from "@/components/ui/toast";
import type { PauseInput } from "@/lib/invoice-sets/pause-options";
import type { StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";

const ROW_ACTIONS = {
  resume: resumeInvoiceSet,
  cancel: cancelInvoiceSet,
  write_off: writeOffInvoiceSet,
  send_to_collections: sendInvoiceSetToCollections,
} as const;

/** Runs one row action and toasts exactly what happened or why not. Returns whether it applied. */
export async function runInvoiceSetAction(
  action: StaffInvoiceSetAction,
  invoiceSetId: string,
  ruleSetId?: string,
  pause?: PauseInput,
): Promise<boolean> {
  try {
    const result =
      action === "change_rule_set"
        ? await changeInvoiceSetRuleSet({ invoiceSetId, ruleSetId: ruleSetId ?? "" })
        : action === "pause"
          ? await pauseInvoiceSet({ invoiceSetId, pause })
          : await ROW_ACTIONS[action]({ invoiceSetId });
    if (result.ok) {
      toast.success(result.data.message);
      return true;
    }
    toast.error(result.message);
    return false;
  } catch {
    toast.error("The server could not be reached. Nothing was changed; try again.");
    return false;
  }
}
