"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";

const SHORTCUTS: { keys: string; what: string; write?: boolean }[] = [
  { keys: "/", what: "Focus Search" },
  { keys: "↓ in Search", what: "Go to the first row" },
  { keys: "↑ ↓", what: "Move between rows" },
  { keys: "Home / End", what: "First / last row" },
  { keys: "x", what: "Select or unselect the row", write: true },
  { keys: "Enter", what: "Show or hide the row's details" },
  { keys: "m", what: "Open the row's Actions menu", write: true },
  { keys: "?", what: "Show these shortcuts" },
];

export const SHORTCUTS_TRIGGER_ID = "keyboard-shortcuts-trigger";

/** The table's keyboard shortcuts, listed in a dialog ("?" opens it too). */
export function KeyboardShortcutsDialog({ canWrite }: { canWrite: boolean }) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button id={SHORTCUTS_TRIGGER_ID} variant="ghost" size="sm" className="text-xs">
          Keyboard shortcuts
        </Button>
      </DialogTrigger>
      <DialogContent title="Keyboard shortcuts" description="On the Invoice Management table.">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.filter((shortcut) => canWrite || !shortcut.write).map((shortcut) => (
            <div key={shortcut.keys} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                  {shortcut.keys}
                </kbd>
              </dt>
              <dd className="text-slate-700">{shortcut.what}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
