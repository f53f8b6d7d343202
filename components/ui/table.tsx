import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";

// The one table every list in the app is built from: plain semantic elements (so tests and
// screen readers find rows, column headers and cells by role), one spacing, one look.
// Works in server pages and in client components (TanStack's flexRender output goes in cells).

/**
 * A full-width table in a horizontally scrolling frame: a bordered white panel on its own
 * (`framed`, the default), or bare inside a Card, pulled out by the cell padding so its first
 * column lines up with the card's heading.
 */
export function Table({
  framed = true,
  frameClassName,
  className,
  ...props
}: ComponentProps<"table"> & { framed?: boolean; frameClassName?: string }) {
  return (
    <div
      className={cn(
        "overflow-x-auto",
        framed ? "rounded-lg border border-slate-200 bg-white" : "-mx-3",
        frameClassName,
      )}
    >
      <table className={cn("w-full text-left text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("bg-slate-50 text-xs text-slate-600 [&_tr]:border-t-0", className)} {...props} />;
}

export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody {...props} />;
}

export function TableFooter({ className, ...props }: ComponentProps<"tfoot">) {
  return <tfoot className={cn("font-medium [&_tr]:border-slate-200", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("border-t border-slate-100 align-top", className)} {...props} />;
}

/** A column header (`scope="col"`); pass `scope="row"` for a row header in a body or footer. */
export function TableHead({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return <th scope={scope} className={cn("px-3 py-2 font-medium whitespace-nowrap", className)} {...props} />;
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-3 py-2", className)} {...props} />;
}

/** The body row shown when there is nothing to list: one cell across every column. */
export function TableEmpty({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-slate-600">
        {children}
      </td>
    </tr>
  );
}

/**
 * Under a table: what is shown on the left ("1,204 invoice sets · showing 50"), the page
 * controls on the right in a "Pagination" landmark (links on server pages, buttons on client ones).
 */
export function TablePagination({
  summary,
  children,
  className,
}: {
  summary?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("mt-3 flex flex-wrap items-center justify-between gap-3 text-sm", className)}>
      {summary ? <p className="text-slate-600">{summary}</p> : null}
      <nav aria-label="Pagination" className="ml-auto flex flex-wrap items-center gap-2">
        {children}
      </nav>
    </div>
  );
}
