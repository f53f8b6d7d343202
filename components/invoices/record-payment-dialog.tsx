"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { recordPaymentAction } from "@/app/(staff)/invoices/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { formatCents } from "@/lib/money";
import { INVOICE_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { PaymentFields } from "./payment-fields";

/** "Record Payment" on one invoice: a refusal (e.g. more than the balance) is shown in the dialog and changes nothing. */
export function RecordPaymentDialog({ invoiceId, balanceCents, today }: { invoiceId: string; balanceCents: number; today: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("invoiceId", invoiceId);
    startTransition(async () => {
      const result = await recordPaymentAction(form);
      if (!result.ok) {
        setError(result.message);
        setErrors(result.fieldErrors ?? {});
        return;
      }
      setOpen(false);
      setError(null);
      setErrors({});
      toast.success(`Payment recorded. The invoice is ${INVOICE_STATUS_LABELS[result.data.status]}; balance ${formatCents(result.data.balanceCents)}.`);
      router.refresh();
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setError(null);
          setErrors({});
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">Record Payment</Button>
      </DialogTrigger>
      <DialogContent title="Record Payment" description={`Balance due: ${formatCents(balanceCents)}`}>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          {error ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
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
