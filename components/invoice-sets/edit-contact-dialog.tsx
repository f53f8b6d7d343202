"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { updateContactAction } from "@/app/(staff)/patients/actions";
import { FormAlert, useFormAction } from "@/components/invoices/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import type { RowMenuDialogProps } from "./row-menu-items";

/**
 * "Edit contact" from a Will Fail or Failed row: fix the phone or email in place. Saving
 * publishes the contact-changed event, which re-checks the prediction and restarts outreach.
 */
export function EditContactDialog({ row, open, onOpenChange }: RowMenuDialogProps) {
  const router = useRouter();
  const { patient } = row;
  const { submit, errors, message, pending } = useFormAction(
    updateContactAction,
    { patientId: patient.id, timeZone: patient.timeZone },
    (data) => {
      toast.success(
        data.changed.length ? "Contact details saved; outreach is planned again with them." : "Nothing changed.",
      );
      onOpenChange(false);
      router.refresh();
    },
  );
  const err = (key: string) => errors[key]?.[0];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Edit contact"
        description={`${patient.firstName} ${patient.lastName}'s phone and email. Outreach uses them from the next message.`}
      >
        <form onSubmit={submit} noValidate className="flex flex-col gap-3">
          <FormAlert message={message} />
          <Field label="Phone" htmlFor="edit-contact-phone" error={err("phone")}>
            <Input id="edit-contact-phone" name="phone" type="tel" defaultValue={patient.phone ?? ""} />
          </Field>
          <Field label="Email" htmlFor="edit-contact-email" error={err("email")}>
            <Input id="edit-contact-email" name="email" type="email" defaultValue={patient.email ?? ""} />
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
