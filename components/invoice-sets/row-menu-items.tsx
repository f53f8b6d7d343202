"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import { sendInvoiceSetNow } from "@/app/(staff)/billing/invoices/send-now-action";
import { toast } from "@/components/ui/toast";
import type { InvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import { needsContactFix } from "@/lib/invoice-sets/needs-contact-fix";
import type { PauseInput } from "@/lib/invoice-sets/pause-options";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import {
  allowedStaffInvoiceSetActions,
  INVOICE_SET_TRANSITIONS,
  STAFF_INVOICE_SET_ACTIONS,
  type StaffInvoiceSetAction,
} from "@/lib/state-machine/invoice-set";
import { isOpenInvoiceSetStatus } from "@/lib/state-machine/statuses";

// The dialogs load when an item first opens one: the list itself never shows them. `ssr: false`
// (they never render on the server) also gives each its own Suspense boundary, so a click that
// mounts one waits only for it instead of suspending up to the page's loading skeleton.
const ConfirmDialog = dynamic(() => import("@/components/ui/confirm-dialog").then((module) => module.ConfirmDialog), {
  ssr: false,
});
const PaymentPlanDialog = dynamic(
  () => import("@/components/payment-plans/payment-plan-dialog").then((module) => module.PaymentPlanDialog),
  { ssr: false },
);
const ChangeRuleSetDialog = dynamic(
  () => import("./change-rule-set-dialog").then((module) => module.ChangeRuleSetDialog),
  { ssr: false },
);
const CopyPatientLinkDialog = dynamic(
  () => import("./copy-patient-link-dialog").then((module) => module.CopyPatientLinkDialog),
  { ssr: false },
);
const EditContactDialog = dynamic(() => import("./edit-contact-dialog").then((module) => module.EditContactDialog), {
  ssr: false,
});
const PauseDialog = dynamic(() => import("./pause-dialog").then((module) => module.PauseDialog), { ssr: false });

/** What a menu item may use: the clinic's rule sets and the optimistic row action runner. */
export interface RowMenuContext {
  ruleSets: RuleSetOption[];
  apply: (
    row: InvoiceSetTableRow,
    action: StaffInvoiceSetAction,
    ruleSetId?: string,
    pause?: PauseInput,
  ) => Promise<boolean>;
  /** Re-reads the page after a change the row cannot show optimistically. */
  refresh: () => void;
}

export interface RowMenuDialogProps {
  row: InvoiceSetTableRow;
  context: RowMenuContext;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * One entry of a row's "Actions" menu. `run` items act at once; `renderDialog` items open
 * their own dialog (confirmations, pickers, a link to copy). Add an entry to ROW_MENU_ITEMS
 * to offer a new action on every row.
 */
export type RowMenuItem = {
  id: string;
  label: string;
  /** Whether this row offers the item (the status table decides for state changes). */
  available: (row: InvoiceSetTableRow, context: RowMenuContext) => boolean;
} & (
  | { run: (row: InvoiceSetTableRow, context: RowMenuContext) => Promise<unknown> }
  | { renderDialog: (props: RowMenuDialogProps) => ReactNode }
);

const CONFIRM_TEXT: Partial<Record<StaffInvoiceSetAction, string>> = {
  write_off: "The set's open invoices are marked Bad Debt and outreach stops. This can't be undone.",
  send_to_collections:
    "The set's open invoices are marked as sent to collections and outreach stops. This can't be undone.",
  cancel: "All outreach for this invoice set stops for good. This can't be undone.",
};

const patientName = (row: InvoiceSetTableRow) => row.patient.name;

function ConfirmRowAction({
  action,
  row,
  context,
  open,
  onOpenChange,
}: RowMenuDialogProps & { action: StaffInvoiceSetAction }) {
  const { label } = INVOICE_SET_TRANSITIONS[action];
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`${label}?`}
      description={`${label} the invoice set of ${patientName(row)}. ${CONFIRM_TEXT[action] ?? ""}`}
      onConfirm={async () => {
        await context.apply(row, action);
      }}
    />
  );
}

function ChangeRuleSetRowDialog({ row, context, open, onOpenChange }: RowMenuDialogProps) {
  return (
    <ChangeRuleSetDialog
      open={open}
      onOpenChange={onOpenChange}
      ruleSets={context.ruleSets}
      currentRuleSetId={row.ruleSetId}
      description={`Switch ${patientName(row)}'s outreach to another rule set.`}
      onSave={(ruleSetId) => context.apply(row, "change_rule_set", ruleSetId)}
    />
  );
}

/** The six status-table actions, in the state machine's order. */
const STATUS_ACTION_ITEMS: RowMenuItem[] = STAFF_INVOICE_SET_ACTIONS.map((action): RowMenuItem => {
  const { label, destructive } = INVOICE_SET_TRANSITIONS[action];
  const available = (row: InvoiceSetTableRow) => allowedStaffInvoiceSetActions(row.status).includes(action);
  if (action === "change_rule_set")
    return { id: action, label, available, renderDialog: (props) => <ChangeRuleSetRowDialog {...props} /> };
  if (action === "pause")
    return {
      id: action,
      label,
      available,
      renderDialog: ({ row, context, open, onOpenChange }) => (
        <PauseDialog
          open={open}
          onOpenChange={onOpenChange}
          description={`Pause outreach to ${patientName(row)}, until you resume it or until a date.`}
          onPause={(pause) => context.apply(row, "pause", undefined, pause)}
        />
      ),
    };
  if (destructive)
    return { id: action, label, available, renderDialog: (props) => <ConfirmRowAction action={action} {...props} /> };
  return { id: action, label, available, run: (row, context) => context.apply(row, action) };
});

/** The email-only rule set to offer when texts cannot reach the patient but email can. */
export function emailOnlyFix(row: InvoiceSetTableRow, context: RowMenuContext): RuleSetOption | undefined {
  if (!needsContactFix(row) || !row.emailOnlyFixes) return undefined;
  return context.ruleSets.find((ruleSet) => ruleSet.emailOnly && !ruleSet.archived && ruleSet.id !== row.ruleSetId);
}

/** Fixes for Will Fail and Failed, one click from the row. */
const CONTACT_FIX_ITEMS: RowMenuItem[] = [
  {
    id: "edit_contact",
    label: "Edit contact",
    available: needsContactFix,
    renderDialog: (props) => <EditContactDialog {...props} />,
  },
  {
    id: "switch_email_only",
    label: "Switch to email-only rule set",
    available: (row, context) => emailOnlyFix(row, context) !== undefined,
    run: async (row, context) => {
      const ruleSet = emailOnlyFix(row, context);
      if (ruleSet) await context.apply(row, "change_rule_set", ruleSet.id);
    },
  },
];

/** "Send now": the set's next rule at once if the window, opt-outs and balance allow; otherwise says why. */
const SEND_NOW_ITEM: RowMenuItem = {
  id: "send_now",
  label: "Send now",
  available: (row) => row.status === "active",
  run: async (row, context) => {
    try {
      const result = await sendInvoiceSetNow({ invoiceSetId: row.id });
      if (result.ok) toast.success(result.data.message);
      else toast.error(result.message);
    } catch {
      toast.error("The server could not be reached. Nothing was changed; try again.");
    }
    context.refresh();
  },
};

/** "Copy patient link": a fresh link shown once, for staff on the phone with the patient. */
const COPY_LINK_ITEM: RowMenuItem = {
  id: "copy_patient_link",
  label: "Copy patient link",
  available: (row) => isOpenInvoiceSetStatus(row.status),
  renderDialog: (props) => <CopyPatientLinkDialog {...props} />,
};

/** "Payment plan": the set's plan, or a new one with a live schedule preview. */
const PAYMENT_PLAN_ITEM: RowMenuItem = {
  id: "payment_plan",
  label: "Payment plan",
  available: (row) => isOpenInvoiceSetStatus(row.status),
  renderDialog: ({ row, open, onOpenChange }) => (
    <PaymentPlanDialog
      invoiceSetId={row.id}
      patientName={patientName(row)}
      canWrite
      open={open}
      onOpenChange={onOpenChange}
    />
  ),
};

export const ROW_MENU_ITEMS: RowMenuItem[] = [
  SEND_NOW_ITEM,
  COPY_LINK_ITEM,
  PAYMENT_PLAN_ITEM,
  ...CONTACT_FIX_ITEMS,
  ...STATUS_ACTION_ITEMS,
];
