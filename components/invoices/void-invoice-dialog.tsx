"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { voidInvoiceAction } from "@/app/(staff)/invoices/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/input";

/** "Void" asks for a reason first; a refusal (e.g. the invoice has payments) is shown in the dialog. */
export function VoidInvoiceDialog({ invoiceId, number }: { invoiceId: string; number: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError("Enter a reason for voiding this invoice.");
      return;
    }
    startTransition(async () => {
      const result = await voidInvoiceAction({ invoiceId, reason });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setOpen(false);
      setReason("");
      setError(null);
      toast.success(`Invoice #${number} voided.`);
      router.refresh();
    });
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary">
          Void
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Void invoice #${number}?`}
        description="A voided invoice can't be reactivated; it stays as a record. You can duplicate it into a new draft."
      >
        <form onSubmit={submit} noValidate>
          <Field label="Reason" htmlFor="void-reason" error={error ?? undefined}>
            <Textarea id="void-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} />
          </Field>
          <div className="mt-6 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Back</Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={pending}>
              Confirm
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
