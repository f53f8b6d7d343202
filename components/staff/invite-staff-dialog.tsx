"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { inviteStaffAction } from "@/app/(staff)/settings/staff/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";

export function InviteStaffDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { submit, reset, errors, message, pending } = useFormAction(inviteStaffAction, {}, (data) => {
    toast.success(`Invitation sent to ${data.email}`);
    setOpen(false);
    router.refresh();
  });
  const err = (key: string) => errors[key]?.[0];
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>Invite staff</Button>
      </DialogTrigger>
      <DialogContent title="Invite staff" description="They get an email with a link that works once, for 7 days.">
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <FormAlert message={message} />
          <Field label="Email" htmlFor="invite-email" error={err("email")}>
            <Input
              id="invite-email"
              name="email"
              type="email"
              autoComplete="off"
              aria-invalid={err("email") ? true : undefined}
            />
          </Field>
          <Field label="Role" htmlFor="invite-role" error={err("role")}>
            <Select id="invite-role" name="role" defaultValue="biller">
              <option value="admin">Admin</option>
              <option value="biller">Biller</option>
              <option value="viewer">Viewer</option>
            </Select>
          </Field>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? "Sending…" : "Send invite"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
