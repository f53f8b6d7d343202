"use client";

import { Dialog, DialogContent } from "@/components/ui/dialog";

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

/** The dialog listing the table's keyboard shortcuts (loaded when first opened). */
export function KeyboardShortcutsList({ canWrite, onClose }: { canWrite: boolean; onClose: () => void }) {
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
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
