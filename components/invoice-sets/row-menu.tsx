"use client";

import { DropdownMenu } from "radix-ui";
import { useState } from "react";
import type { InvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import { ROW_MENU_ITEMS, type RowMenuContext } from "./row-menu-items";

/**
 * A row's "Actions" button and menu: only the items this row offers. Dialog items open
 * after the menu closes, outside it, so closing the menu never unmounts them.
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
  const items = ROW_MENU_ITEMS.filter((item) => item.available(row, context));
  // Looked up among all items: an optimistic status change must not close an open dialog.
  const dialogItem = ROW_MENU_ITEMS.find((item) => item.id === dialogId);
  return (
    <>
      {items.length === 0 ? (
        <span className="inline-flex h-7 items-center text-xs text-slate-600">No actions</span>
      ) : (
        <DropdownMenu.Root open={open} onOpenChange={onOpenChange} modal={false}>
          <DropdownMenu.Trigger className="set-row-menu">
            Actions
            <span aria-hidden="true">▾</span>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content
              align="end"
              sideOffset={4}
              className="z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
            >
              {items.map((item) => (
                <DropdownMenu.Item
                  key={item.id}
                  className="cursor-pointer rounded px-3 py-1.5 text-sm text-slate-800 outline-none data-highlighted:bg-slate-100"
                  onSelect={() => {
                    if ("run" in item) void item.run(row, context);
                    else setDialogId(item.id);
                  }}
                >
                  {item.label}
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
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
