"use client";

import { useRouter } from "next/navigation";
import { fixContactAction } from "@/app/(staff)/billing/invoices/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import type { RowMenuDialogProps } from "./row-menu-items";

/**
 * "Edit contact" from a Will Fail or Failed row: fix the phone or email in place. Saving
 * re-checks the prediction at once; a fixed Will Fail set is Active again.
 */
export function EditContactDialog({ row, open, onOpenChange }: RowMenuDialogProps) {
  const router = useRouter();
  const { patient } = row;
  const { submit, errors, message, pending } = useFormAction(fixContactAction, { patientId: patient.id }, (data) => {
    toast.success(
      data.plan.kind === "cleared"
        ? "Contact details saved; the set is Active again and outreach restarts."
        : data.plan.kind === "predicted"
          ? `Contact details saved, but the next message would still fail: ${data.plan.reason}`
          : data.changed.length > 0
            ? "Contact details saved."
            : "Nothing changed.",
    );
    onOpenChange(false);
    router.refresh();
  });
  const err = (key: string) => errors[key]?.[0];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Edit contact"
        description={`${patient.name}'s phone and email. Outreach uses them from the next message.`}
      >
        <form onSubmit={submit} noValidate className="flex flex-col gap-3">
          <FormAlert message={message} />
          <Field label="Phone" htmlFor="edit-contact-phone" error={err("phone")}>
            <Input id="edit-contact-phone" name="phone" type="tel" defaultValue={patient.contact?.phone ?? ""} />
          </Field>
          <Field label="Email" htmlFor="edit-contact-email" error={err("email")}>
            <Input id="edit-contact-email" name="email" type="email" defaultValue={patient.contact?.email ?? ""} />
          </Field>
          <div className="mt-3 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Back</Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              Save contact
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
