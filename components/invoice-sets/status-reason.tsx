"use client";

import { Tooltip } from "radix-ui";

/**
 * A status reason kept to one line; the full text shows on hover and on keyboard focus
 * (the button's name is the whole text, so screen readers hear all of it).
 */
export function StatusReason({ text }: { text: string }) {
  return (
    <Tooltip.Root delayDuration={200}>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          className="mt-0.5 block max-w-44 cursor-default truncate text-left text-xs text-slate-600 focus-visible:outline-2 focus-visible:outline-blue-700"
        >
          {text}
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content
          side="bottom"
          align="start"
          sideOffset={4}
          className="z-50 max-w-sm rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg"
        >
          {text}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
