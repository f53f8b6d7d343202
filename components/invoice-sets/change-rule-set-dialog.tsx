"use client";

import { useState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/input";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import { type LoadRuleSetChangePreview, RuleSetChangePreviewView } from "./rule-set-change-preview";

/**
 * "Change Rule Set": pick one of the clinic's rule sets that isn't archived. With `open`
 * given, the caller opens it (a row menu item) and no trigger button is drawn.
 */
export function ChangeRuleSetDialog({
  ruleSets,
  currentRuleSetId,
  description,
  onSave,
  triggerSize = "sm",
  open: controlledOpen,
  onOpenChange,
  preview,
}: {
  ruleSets: RuleSetOption[];
  currentRuleSetId?: string;
  description: string;
  onSave: (ruleSetId: string) => Promise<boolean>;
  triggerSize?: ButtonProps["size"];
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Bulk: shows what happens next for the selected sets under the chosen rule set. */
  preview?: LoadRuleSetChangePreview;
}) {
  const choices = ruleSets.filter((ruleSet) => !ruleSet.archived);
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = (next: boolean) => {
    setOwnOpen(next);
    onOpenChange?.(next);
  };
  const [choice, setChoice] = useState(() => firstOther(choices, currentRuleSetId));
  const [pending, setPending] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setChoice(firstOther(choices, currentRuleSetId));
      }}
    >
      {controlledOpen === undefined ? (
        <DialogTrigger asChild>
          <Button variant="secondary" size={triggerSize}>
            Change Rule Set
          </Button>
        </DialogTrigger>
      ) : null}
      <DialogContent title="Change Rule Set" description={description}>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            if (!choice) return;
            setPending(true);
            try {
              if (await onSave(choice)) setOpen(false);
            } finally {
              setPending(false);
            }
          }}
        >
          <Field label="New rule set" htmlFor="change-rule-set-choice">
            <Select
              id="change-rule-set-choice"
              value={choice}
              onChange={(event) => setChoice(event.target.value)}
              required
            >
              {choices.map((ruleSet) => (
                <option key={ruleSet.id} value={ruleSet.id} disabled={ruleSet.id === currentRuleSetId}>
                  {ruleSet.title}
                  {ruleSet.id === currentRuleSetId ? " (current)" : ""}
                </option>
              ))}
            </Select>
          </Field>
          <p className="mt-2 text-xs text-slate-600">
            The new rule set starts from its first step today. An expired set becomes Active again.
          </p>
          {preview && choice ? <RuleSetChangePreviewView ruleSetId={choice} load={preview} /> : null}
          <div className="mt-6 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Back</Button>
            </DialogClose>
            <Button type="submit" disabled={pending || !choice}>
              Save rule set
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function firstOther(choices: RuleSetOption[], currentRuleSetId?: string): string {
  return choices.find((ruleSet) => ruleSet.id !== currentRuleSetId)?.id ?? "";
}
