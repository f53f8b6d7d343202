"use client";

import { type ReactNode, useState } from "react";
import { Button, type ButtonProps } from "./button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "./dialog";

/**
 * A button that asks first. The dialog's confirming button is always named "Confirm"
 * (ui-contract.md); `onConfirm` runs only after it is pressed. If it returns a message
 * (a refusal, a missing field), the dialog stays open and shows it. Without `trigger`
 * the caller opens it (`open`/`onOpenChange`), e.g. from a menu item.
 */
export function ConfirmDialog({
  trigger,
  triggerVariant = "secondary",
  triggerSize = "sm",
  title,
  description,
  onConfirm,
  children,
  open: controlledOpen,
  onOpenChange,
}: {
  trigger?: string;
  triggerVariant?: ButtonProps["variant"];
  triggerSize?: ButtonProps["size"];
  title: string;
  description: ReactNode;
  /** A returned string is a refusal to show; anything else closes the dialog. */
  onConfirm: () => Promise<unknown> | unknown;
  /** Extra fields shown in the dialog (e.g. a reason). */
  children?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = (next: boolean) => {
    setOwnOpen(next);
    onOpenChange?.(next);
  };
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      {trigger ? (
        <DialogTrigger asChild>
          <Button variant={triggerVariant} size={triggerSize}>
            {trigger}
          </Button>
        </DialogTrigger>
      ) : null}
      <DialogContent title={title} description={description}>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setPending(true);
            try {
              const refusal = await onConfirm();
              if (typeof refusal === "string" && refusal) setError(refusal);
              else setOpen(false);
            } finally {
              setPending(false);
            }
          }}
        >
          {children}
          {error ? (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {error}
            </p>
          ) : null}
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
