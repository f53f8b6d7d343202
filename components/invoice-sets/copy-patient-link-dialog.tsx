"use client";

import { useEffect, useId, useState } from "react";
import { copyPatientLink } from "@/app/(staff)/billing/invoices/patient-link-actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import type { RowMenuDialogProps } from "./row-menu-items";

type State =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "ready"; url: string }
  | { kind: "error"; message: string };

/**
 * "Copy patient link": opening the dialog makes a fresh link for the set and shows it once,
 * for staff on the phone with the patient. Closing forgets it; the next open makes another.
 */
export function CopyPatientLinkDialog({ row, open, onOpenChange }: RowMenuDialogProps) {
  const invoiceSetId = row.id;
  const patientName = row.patient.name;
  const [state, setState] = useState<State>({ kind: "idle" });
  const [copied, setCopied] = useState(false);
  const fieldId = useId();

  useEffect(() => {
    if (!open) {
      setState({ kind: "idle" });
      return;
    }
    let live = true;
    setState({ kind: "loading" });
    setCopied(false);
    copyPatientLink({ invoiceSetId })
      .catch(() => null)
      .then((result) => {
        if (!live) return;
        if (!result) setState({ kind: "error", message: "The link could not be created. Try again." });
        else setState(result.ok ? { kind: "ready", url: result.data.url } : { kind: "error", message: result.message });
      });
    return () => {
      live = false;
    };
  }, [open, invoiceSetId]);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Copy patient link"
        description={`A new link to ${patientName}'s statement. It asks for the date of birth before showing anything. It is shown only now.`}
      >
        {state.kind === "loading" ? <p className="text-sm text-slate-600">Creating the link…</p> : null}
        {state.kind === "error" ? (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        ) : null}
        {state.kind === "ready" ? (
          <div className="space-y-2">
            <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
              Patient link
            </label>
            <div className="flex gap-2">
              <input
                id={fieldId}
                readOnly
                value={state.url}
                onFocus={(event) => event.currentTarget.select()}
                className="h-9 min-w-0 flex-1 rounded-md border border-slate-300 px-2 text-sm"
              />
              <Button
                size="sm"
                onClick={async () => {
                  await navigator.clipboard?.writeText(state.url).catch(() => undefined);
                  setCopied(true);
                }}
              >
                Copy
              </Button>
            </div>
            <p role="status" className="text-xs text-slate-600">
              {copied ? "Copied." : ""}
            </p>
          </div>
        ) : null}
        <div className="mt-4 flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
