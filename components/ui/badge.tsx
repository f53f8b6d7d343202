import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const BADGE_TONES = {
  green: "bg-green-100 text-green-800 ring-green-600/20",
  blue: "bg-blue-100 text-blue-800 ring-blue-600/20",
  amber: "bg-amber-100 text-amber-900 ring-amber-600/30",
  orange: "bg-orange-100 text-orange-900 ring-orange-600/30",
  red: "bg-red-100 text-red-800 ring-red-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
  purple: "bg-purple-100 text-purple-800 ring-purple-600/20",
} as const;

export type BadgeTone = keyof typeof BADGE_TONES;

export function Badge({ tone = "slate", className, ...props }: ComponentProps<"span"> & { tone?: BadgeTone }) {
  return (
    // "badge" (globals.css): badges repeat on every row of long tables; utilities still override it.
    <span className={cn("badge", BADGE_TONES[tone], className)} {...props} />
  );
}
