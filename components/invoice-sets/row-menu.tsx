"use client";

import { useRef, useState } from "react";
import { MENU_ITEM_CLASS, Menu } from "@/components/ui/menu";
import type { InvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import { ROW_MENU_ITEMS, type RowMenuContext } from "./row-menu-items";

/**
 * A row's "Actions" button and menu: only the items this row offers. The menu is mounted
 * only while open (the button is all a row's markup carries). Dialog items open after the
 * menu closes, outside it, so closing the menu never unmounts them.
 */
export function RowMenu({
  row,
  context,
  open,
  onOpenChange,
}: {
  row: InvoiceSetTableRow;
  context: RowMenuContext;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [dialogId, setDialogId] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = ROW_MENU_ITEMS.filter((item) => item.available(row, context));
  // Looked up among all items: an optimistic status change must not close an open dialog.
  const dialogItem = ROW_MENU_ITEMS.find((item) => item.id === dialogId);
  return (
    <>
      {items.length === 0 ? (
        <span className="set-none inline-flex h-7 items-center text-xs text-slate-600">No actions</span>
      ) : (
        <>
          <button
            ref={button}
            type="button"
            className="set-menu"
            aria-haspopup="menu"
            // Absent while closed: aria-haspopup already says it opens a menu, and every row has one.
            aria-expanded={open || undefined}
            onClick={() => onOpenChange(!open)}
          >
            Actions
          </button>
          {open ? (
            <Menu anchor={button} label="Actions" onClose={() => onOpenChange(false)}>
              {items.map((item) => (
                <button
                  key={item.id}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={MENU_ITEM_CLASS}
                  onClick={() => {
                    if ("run" in item) void item.run(row, context);
                    else setDialogId(item.id);
                  }}
                >
                  {item.label}
                </button>
              ))}
            </Menu>
          ) : null}
        </>
      )}
      {dialogItem && "renderDialog" in dialogItem
        ? dialogItem.renderDialog({
            row,
            context,
            open: true,
            onOpenChange: (next) => {
              if (!next) setDialogId(null);
            },
          })
        : null}
    </>
  );
}
