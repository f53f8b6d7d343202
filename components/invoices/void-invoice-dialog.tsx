"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { voidInvoiceAction } from "@/app/(staff)/invoices/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Textarea } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";

/** "Void" asks for a reason first; a refusal (e.g. the invoice has payments) is shown in the dialog. */
export function VoidInvoiceDialog({ invoiceId, number }: { invoiceId: string; number: number }) {
  const router = useRouter();
  const [reason, setReason] = useState("");

  async function confirm() {
    if (!reason.trim()) return "Enter a reason for voiding this invoice.";
    const result = await voidInvoiceAction({ invoiceId, reason });
    if (!result.ok) return result.message;
    toast.success(`Invoice #${number} voided.`);
    router.refresh();
  }

  return (
    <ConfirmDialog
      trigger="Void"
      title={`Void invoice #${number}?`}
      description="A voided invoice can't be reactivated; it stays as a record. You can duplicate it into a new draft."
      onConfirm={confirm}
    >
      <Field label="Reason" htmlFor="void-reason">
        <Textarea id="void-reason" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
    </ConfirmDialog>
  );
}
