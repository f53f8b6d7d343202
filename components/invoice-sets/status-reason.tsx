"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { showUnder } from "@/components/ui/popup";

/**
 * A status reason kept to one line; the full text shows on hover (after 200 ms) and on
 * keyboard focus, until the pointer leaves, focus moves on, the page scrolls or Escape
 * (the button's name is the whole text, so screen readers hear all of it).
 */
export function StatusReason({ text }: { text: string }) {
  const [shown, setShown] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const show = (delay: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setShown(true), delay);
  };
  const hide = () => {
    window.clearTimeout(timer.current);
    setShown(false);
  };

  useLayoutEffect(() => {
    if (!shown || !tip.current || !button.current) return;
    showUnder(tip.current, button.current, "start");
    const onScroll = () => setShown(false);
    window.addEventListener("scroll", onScroll, true);
    return () => window.removeEventListener("scroll", onScroll, true);
  }, [shown]);
  useLayoutEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="set-reason"
        onPointerEnter={() => show(200)}
        onPointerLeave={hide}
        onFocus={() => show(0)}
        onBlur={hide}
        onKeyDown={(event) => {
          if (event.key === "Escape") hide();
        }}
      >
        {text}
      </button>
      {shown ? (
        <span
          ref={tip}
          role="tooltip"
          popover="manual"
          className="m-0 inset-auto max-w-sm rounded-md border-0 whitespace-normal bg-slate-900 px-3 py-2 text-xs text-white shadow-lg"
        >
          {text}
        </span>
      ) : null}
    </>
  );
}
