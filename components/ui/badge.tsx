import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export type BadgeTone = "green" | "blue" | "amber" | "orange" | "red" | "slate" | "purple";

export function Badge({ tone = "slate", className, ...props }: ComponentProps<"span"> & { tone?: BadgeTone }) {
  return (
    // "badge" and its tones (globals.css): badges repeat on every row of long tables; utilities still override them.
    <span className={cn("badge", `badge-${tone}`, className)} {...props} />
  );
}
