"use client";

import { type ReactNode, useId, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A chart with its title, an accessible name that says what it shows in words, and a
 * "Show as table" alternative with the same numbers.
 */
export function ChartCard({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  /** What the chart shows, in one sentence (the figure's accessible name). */
  summary: string;
  table: ReactNode;
  children: ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <Button
          variant="secondary"
          size="sm"
          aria-expanded={asTable}
          aria-controls={`${id}-table`}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? "Show as chart" : "Show as table"}
        </Button>
      </div>
      {asTable ? (
        <div id={`${id}-table`} className="overflow-x-auto">
          {table}
        </div>
      ) : (
        <div role="img" aria-label={`${title}: ${summary}`} className="h-64 w-full">
          {children}
        </div>
      )}
    </section>
  );
}

/** The plain table behind a chart: a caption, column headers and rows of text. */
export function DataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs text-slate-600 uppercase">
        <tr>
          {columns.map((column, i) => (
            <th key={column} scope="col" className={i === 0 ? "py-1 pr-3" : "py-1 pr-3 text-right"}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row[0]} className="border-t border-slate-100">
            {row.map((cell, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed column order
              <td key={i} className={i === 0 ? "py-1 pr-3" : "py-1 pr-3 text-right tabular-nums"}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
