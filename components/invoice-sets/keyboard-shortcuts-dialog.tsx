"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";

// The list and its dialog load when first opened, not with the table.
const KeyboardShortcutsList = dynamic(
  () => import("./keyboard-shortcuts-list").then((module) => module.KeyboardShortcutsList),
  { ssr: false },
);

export const SHORTCUTS_TRIGGER_ID = "keyboard-shortcuts-trigger";

/** The table's keyboard shortcuts, listed in a dialog ("?" opens it too). */
export function KeyboardShortcutsDialog({ canWrite }: { canWrite: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        id={SHORTCUTS_TRIGGER_ID}
        variant="ghost"
        size="sm"
        className="text-xs"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        Keyboard shortcuts
      </Button>
      {open ? <KeyboardShortcutsList canWrite={canWrite} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
