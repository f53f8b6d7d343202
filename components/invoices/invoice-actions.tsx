"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import {
  deleteDraftAction,
  duplicateInvoiceAction,
  issueInvoiceAction,
  markBadDebtAction,
} from "@/app/(staff)/invoices/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/staff-action";
import type { STAFF_INVOICE_ACTIONS } from "@/lib/state-machine/invoice";
import { RecordPaymentDialog } from "./record-payment-dialog";
import { VoidInvoiceDialog } from "./void-invoice-dialog";

type StaffInvoiceAction = (typeof STAFF_INVOICE_ACTIONS)[number];

/** The review screen's actions: only those the state machine allows now (allowedStaffInvoiceActions). */
export function InvoiceActions({
  invoiceId,
  number,
  allowed,
  balanceCents,
  today,
}: {
  invoiceId: string;
  number: number;
  allowed: StaffInvoiceAction[];
  balanceCents: number;
  today: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  /** Runs an action and says exactly what happened or why not (a refusal changed nothing). */
  async function run<T>(
    action: () => Promise<ActionResult<T>>,
    success: (data: T) => string,
    after?: (data: T) => void,
  ) {
    const result = await action();
    if (!result.ok) {
      toast.error(result.message);
      router.refresh();
      return;
    }
    toast.success(success(result.data));
    if (after) after(result.data);
    else router.refresh();
  }

  return (
    <fieldset className="flex flex-wrap items-center gap-2" aria-label="Invoice actions">
      {allowed.includes("issue") ? (
        <Button
          size="sm"
          disabled={pending}
          onClick={() =>
            startTransition(() =>
              run(
                () => issueInvoiceAction({ invoiceId }),
                (data) =>
                  `Invoice #${data.number} issued.${data.openedInvoiceSet ? " A new invoice set was opened for outreach." : ""}${data.outreachQueued ? "" : " Outreach will start when the job service is back."}`,
              ),
            )
          }
        >
          Issue
        </Button>
      ) : null}
      {allowed.includes("record_payment") ? (
        <RecordPaymentDialog invoiceId={invoiceId} balanceCents={balanceCents} today={today} />
      ) : null}
      {allowed.includes("duplicate") ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(() =>
              run(
                () => duplicateInvoiceAction({ invoiceId }),
                (data) => `Draft invoice #${data.number} created from #${number}.`,
                (data) => router.push(`/invoices/${data.invoiceId}`),
              ),
            )
          }
        >
          Duplicate
        </Button>
      ) : null}
      {allowed.includes("mark_bad_debt") ? (
        <ConfirmDialog
          trigger="Mark Bad Debt"
          title={`Mark invoice #${number} as bad debt?`}
          description="It stays on record and can still be paid, but it leaves collection: outreach no longer counts its balance."
          onConfirm={() =>
            run(
              () => markBadDebtAction({ invoiceId }),
              () => `Invoice #${number} marked as bad debt.`,
            )
          }
        />
      ) : null}
      {allowed.includes("void") ? <VoidInvoiceDialog invoiceId={invoiceId} number={number} /> : null}
      {allowed.includes("delete") ? (
        <ConfirmDialog
          trigger="Delete"
          title={`Delete draft #${number}?`}
          description="The draft and its charges are removed. This can't be undone."
          onConfirm={() =>
            run(
              () => deleteDraftAction({ invoiceId }),
              () => `Draft #${number} deleted.`,
              () => router.push("/invoices"),
            )
          }
        />
      ) : null}
    </fieldset>
  );
}
