"use client";

import { useState, type ReactNode } from "react";
import { Button, type ButtonProps } from "./button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "./dialog";

/**
 * A button that asks first. The dialog's confirming button is always named "Confirm"
 * (ui-contract.md); `onConfirm` runs only after it is pressed.
 */
export function ConfirmDialog({
  trigger,
  triggerVariant = "secondary",
  triggerSize = "sm",
  title,
  description,
  onConfirm,
  children,
}: {
  trigger: string;
  triggerVariant?: ButtonProps["variant"];
  triggerSize?: ButtonProps["size"];
  title: string;
  description: ReactNode;
  onConfirm: () => Promise<void> | void;
  /** Extra fields shown in the dialog (e.g. a reason). */
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={triggerVariant} size={triggerSize}>
          {trigger}
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setPending(true);
            try {
              await onConfirm();
              setOpen(false);
            } finally {
              setPending(false);
            }
          }}
        >
          {children}
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
