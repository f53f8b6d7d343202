"use client";

import { useState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import type { PauseInput } from "@/lib/invoice-sets/pause-options";
import { PAUSE_REASONS } from "@/lib/state-machine/invoice-set";

const OTHER = "other";

/**
 * "Pause" with an optional "Resume on" date and reason ("Pause until"). With a date the
 * set resumes by itself at the start of that day in the clinic's time zone.
 */
export function PauseDialog({
  description,
  onPause,
  triggerSize = "sm",
  open: controlledOpen,
  onOpenChange,
}: {
  description: string;
  /** Given by a row menu that opens the dialog itself: then there is no trigger button. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Resolves true when the pause applied (the dialog closes), false to stay open. */
  onPause: (pause: PauseInput) => Promise<boolean>;
  triggerSize?: ButtonProps["size"];
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = onOpenChange ?? setOwnOpen;
  const [pending, setPending] = useState(false);
  const [resumeOn, setResumeOn] = useState("");
  const [choice, setChoice] = useState("");
  const [other, setOther] = useState("");
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setResumeOn("");
          setChoice("");
          setOther("");
        }
      }}
    >
      {controlledOpen === undefined ? (
        <DialogTrigger asChild>
          <Button variant="secondary" size={triggerSize}>
            Pause
          </Button>
        </DialogTrigger>
      ) : null}
      <DialogContent title="Pause outreach" description={description}>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setPending(true);
            try {
              const reason = choice === OTHER ? other.trim() : choice;
              if (await onPause({ resumeOn, reason })) setOpen(false);
            } finally {
              setPending(false);
            }
          }}
        >
          <Field label="Resume on" htmlFor="pause-resume-on" hint="Optional. Leave empty to pause until you resume.">
            <Input id="pause-resume-on" type="date" value={resumeOn} onChange={(e) => setResumeOn(e.target.value)} />
          </Field>
          <Field label="Reason" htmlFor="pause-reason" className="mt-3">
            <Select id="pause-reason" value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">No reason</option>
              {PAUSE_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {reason}
                </option>
              ))}
              <option value={OTHER}>Other</option>
            </Select>
          </Field>
          {choice === OTHER ? (
            <Field label="Other reason" htmlFor="pause-other-reason" className="mt-3">
              <Input
                id="pause-other-reason"
                value={other}
                maxLength={120}
                required
                onChange={(e) => setOther(e.target.value)}
              />
            </Field>
          ) : null}
          <div className="mt-6 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Back</Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              Pause outreach
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
