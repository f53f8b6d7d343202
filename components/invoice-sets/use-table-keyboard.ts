"use client";

import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { SEARCH_INPUT_ID } from "./invoice-set-filters";
import { SHORTCUTS_TRIGGER_ID } from "./keyboard-shortcuts-dialog";

const ROW_SELECTOR = "tr[data-invoice-set-id]";

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/**
 * The table's keyboard (listed in the "Keyboard shortcuts" dialog): "/" focuses Search, ↓
 * in Search goes to the first row, ↑ ↓ Home End move between rows (one tab stop for the
 * whole table), "x" selects, Enter opens details, "m" opens the row's Actions menu.
 */
export function useTableKeyboard(
  rowIds: string[],
  handlers: {
    toggleSelected: (id: string) => void;
    toggleDetails: (id: string) => void;
    openMenu: (id: string) => void;
  },
) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);

  const rowElements = () => Array.from(bodyRef.current?.querySelectorAll<HTMLElement>(ROW_SELECTOR) ?? []);
  const focusRow = (row: HTMLElement | undefined) => {
    if (!row) return;
    setActiveId(row.dataset.invoiceSetId ?? null);
    row.focus();
  };

  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && target.id === SEARCH_INPUT_ID && event.key === "ArrowDown") {
        event.preventDefault();
        focusRow(rowElements()[0]);
        return;
      }
      if (isTyping(target) || document.querySelector("[role=dialog],[role=menu]")) return;
      if (event.key === "/") {
        event.preventDefault();
        document.getElementById(SEARCH_INPUT_ID)?.focus();
      } else if (event.key === "?") {
        event.preventDefault();
        document.getElementById(SHORTCUTS_TRIGGER_ID)?.click();
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  });

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>) {
    // Keys pressed on a control inside the row (checkbox, link, menu) keep their own meaning.
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const id = event.currentTarget.dataset.invoiceSetId;
    if (!id) return;
    const rows = rowElements();
    const index = rows.indexOf(event.currentTarget);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusRow(rows[Math.max(0, Math.min(rows.length - 1, move))]);
    } else if (event.key === "x") {
      event.preventDefault();
      handlers.toggleSelected(id);
    } else if (event.key === "Enter") {
      event.preventDefault();
      handlers.toggleDetails(id);
    } else if (event.key === "m") {
      event.preventDefault();
      handlers.openMenu(id);
    }
  }

  return {
    bodyRef,
    onRowKeyDown,
    /** Roving tab stop: the last focused row if it is still shown, else the first. */
    tabIndexFor: (id: string) => (id === (activeId && rowIds.includes(activeId) ? activeId : rowIds[0]) ? 0 : -1),
    onRowFocus: (id: string) => setActiveId(id),
  };
}
