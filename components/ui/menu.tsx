"use client";

import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useLayoutEffect, useRef } from "react";
import { cn } from "@/lib/cn";
import { showUnder } from "./popup";

/** A menu item's look (`role="menuitem"` on a button or link inside a Menu). */
export const MENU_ITEM_CLASS =
  "block w-full cursor-pointer rounded px-3 py-1.5 text-left text-sm text-slate-800 outline-none hover:bg-slate-100 focus:bg-slate-100";

const items = (menu: HTMLElement) => Array.from(menu.querySelectorAll<HTMLElement>("[role=menuitem]"));

/**
 * The open menu of a menu button (WAI-ARIA menu button pattern), mounted only while open:
 * it opens with its first item focused; ↑ ↓ Home End and a first letter move between items,
 * Enter or Space picks one, Escape or Tab closes it and focus goes back to the button; a
 * click outside closes it. Picking an item closes it too (after the item's own handler).
 */
export function Menu({
  anchor,
  label,
  onClose,
  align = "end",
  className,
  children,
}: {
  /** The menu button (aria-haspopup="menu", aria-expanded while open). */
  anchor: RefObject<HTMLElement | null>;
  label: string;
  onClose: () => void;
  align?: "start" | "end";
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useLayoutEffect(() => {
    const menu = ref.current;
    const button = anchor.current;
    if (!menu || !button) return;
    const place = () => showUnder(menu, button, align);
    place();
    items(menu)[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.contains(target) && !button.contains(target)) close.current();
    };
    document.addEventListener("pointerdown", onPointerDown);
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  }, [anchor, align]);

  // Focus goes back to the button when the menu closes with focus inside it (or lost to the page).
  useEffect(() => {
    const menu = ref.current;
    return () => {
      const active = document.activeElement;
      if (!active || active === document.body || menu?.contains(active)) anchor.current?.focus();
    };
  }, [anchor]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items(event.currentTarget);
    const index = list.indexOf(document.activeElement as HTMLElement);
    const last = list.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: index < last ? index + 1 : 0,
      ArrowUp: index > 0 ? index - 1 : last,
      Home: 0,
      End: last,
    };
    let next = moves[event.key];
    if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const letter = event.key.toLowerCase();
      const after = [...list.slice(index + 1), ...list.slice(0, index + 1)];
      const match = after.find((item) => item.textContent?.trim().toLowerCase().startsWith(letter));
      next = match ? list.indexOf(match) : undefined;
    }
    if (next !== undefined) {
      event.preventDefault();
      list[next]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      onClose();
    } else if (event.key === " " && document.activeElement instanceof HTMLAnchorElement) {
      event.preventDefault();
      document.activeElement.click();
    }
  }

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      tabIndex={-1}
      popover="manual"
      onKeyDown={onKeyDown}
      onClick={(event) => {
        if ((event.target as Element).closest("[role=menuitem]")) onClose();
      }}
      className={cn(
        "m-0 inset-auto min-w-48 rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg",
        className,
      )}
    >
      {children}
    </div>
  );
}
