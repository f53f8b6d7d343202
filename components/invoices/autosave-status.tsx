"use client";

import { Button } from "@/components/ui/button";
import type { AutosaveState } from "./use-draft-autosave";

/** "Saving…", "Saved" or "Not saved — <why>" with a "Retry" button, announced politely. */
export function AutosaveStatus({ state, onRetry }: { state: AutosaveState; onRetry: () => void }) {
  return (
    <div className="flex min-h-8 items-center gap-2 text-sm">
      <p
        role="status"
        aria-label="Draft autosave"
        className={state.kind === "failed" ? "text-red-700" : "text-slate-600"}
      >
        {state.kind === "saving"
          ? "Saving…"
          : state.kind === "saved"
            ? "Saved"
            : state.kind === "failed"
              ? `Not saved — ${state.reason}`
              : ""}
      </p>
      {state.kind === "failed" ? (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}
