"use client";

import { useEffect, useRef, useState } from "react";
import { createDraftAction, updateDraftAction } from "@/app/(staff)/invoices/actions";
import type { ActionResult } from "@/lib/actions/staff-action";
import type { DraftFormValues } from "@/lib/invoices/draft-input";

export type AutosaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "failed"; reason: string };

type SaveResult = ActionResult<{ invoiceId: string; number?: number }>;

const AUTOSAVE_DELAY_MS = 800;

/** Anything worth keeping: a patient, or a charge row with something typed in it. */
function hasContent(draft: DraftFormValues): boolean {
  const rows = (draft.charges ?? []) as Record<string, unknown>[];
  return Boolean(draft.patientId) || rows.some((row) => ["code", "description", "unitPrice"].some((k) => row[k]));
}

/**
 * Drafts save themselves (invoice-statuses.txt): the draft is created as soon as it has a
 * patient or a charge, then every edit is saved after a short pause. Saves run one at a
 * time, so the "Save Draft" button and an autosave never create two drafts. Once created,
 * the address becomes the draft's own, so a reload or coming back finds the work.
 */
export function useDraftAutosave(initialInvoiceId: string | undefined, draft: DraftFormValues) {
  const [state, setState] = useState<AutosaveState>({ kind: "idle" });
  const invoiceId = useRef(initialInvoiceId);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const key = JSON.stringify(draft);
  const savedKey = useRef(initialInvoiceId ? key : JSON.stringify(null));

  function save(toSave: DraftFormValues): Promise<SaveResult> {
    const run = queue.current.then(async (): Promise<SaveResult> => {
      setState({ kind: "saving" });
      try {
        const id = invoiceId.current;
        const result: SaveResult = id
          ? await updateDraftAction({ invoiceId: id, draft: toSave })
          : await createDraftAction(toSave);
        if (!result.ok) {
          setState({ kind: "failed", reason: result.message });
          return result;
        }
        if (!id) {
          invoiceId.current = result.data.invoiceId;
          window.history.replaceState(null, "", `/invoices/${result.data.invoiceId}`);
        }
        savedKey.current = JSON.stringify(toSave);
        setState({ kind: "saved" });
        return result;
      } catch {
        const reason = "The server could not be reached.";
        setState({ kind: "failed", reason });
        return { ok: false, code: "unavailable", message: `${reason} Your changes are still here; try again.` };
      }
    });
    queue.current = run;
    return run;
  }

  // `save` only reads refs; the draft's serialized form is the trigger.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (key === savedKey.current) return;
    const current = JSON.parse(key) as DraftFormValues;
    if (!invoiceId.current && !hasContent(current)) return;
    const timer = setTimeout(() => void save(current), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return {
    state,
    /** Saves now (after any save in flight); the "Save Draft" button and "Retry" use it. */
    saveNow: () => save(draft),
  };
}
