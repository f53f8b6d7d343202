"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { recordPaymentAction } from "@/app/(staff)/invoices/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import { formatCents } from "@/lib/money";
import { INVOICE_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { PaymentFields } from "./payment-fields";

/** "Record Payment" on one invoice: a refusal (e.g. more than the balance) is shown in the dialog and changes nothing. */
export function RecordPaymentDialog({
  invoiceId,
  balanceCents,
  today,
}: {
  invoiceId: string;
  balanceCents: number;
  today: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { submit, reset, errors, message, pending } = useFormAction(recordPaymentAction, { invoiceId }, (data) => {
    setOpen(false);
    toast.success(
      `Payment recorded. The invoice is ${INVOICE_STATUS_LABELS[data.status]}; balance ${formatCents(data.balanceCents)}.`,
    );
    router.refresh();
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">Record Payment</Button>
      </DialogTrigger>
      <DialogContent title="Record Payment" description={`Balance due: ${formatCents(balanceCents)}`}>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <FormAlert message={message} />
          <PaymentFields errors={errors} today={today} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Back</Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save Payment"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
