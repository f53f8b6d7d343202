"use client";

import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { PAGE_SIZES } from "@/lib/invoice-sets/search-params";
import { useInvoiceSetParams } from "./use-invoice-set-params";

/** Under the table: the count ("1,000+" past the cap), page size and keyset paging. */
export function InvoiceSetPagination({
  shown,
  total,
  totalIsCapped,
  nextCursor,
  prevCursor,
}: {
  shown: number;
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}) {
  const { params, setParams } = useInvoiceSetParams();
  return (
    <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-600">
        {total.toLocaleString("en-US")}
        {totalIsCapped ? "+" : ""} invoice {total === 1 && !totalIsCapped ? "set" : "sets"}
        {shown > 0 ? ` · showing ${shown}` : ""}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor="page-size" className="text-slate-600">
          Rows per page
        </label>
        <Select
          id="page-size"
          className="w-20"
          value={params.size}
          onChange={(event) => {
            const size = PAGE_SIZES.find((s) => String(s) === event.target.value);
            if (size) void setParams({ size, cursor: null });
          }}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </Select>
        <Button
          variant="secondary"
          size="sm"
          disabled={!params.cursor}
          onClick={() => void setParams({ cursor: null })}
        >
          First page
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={!prevCursor}
          onClick={() => void setParams({ cursor: prevCursor })}
        >
          Previous page
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={!nextCursor}
          onClick={() => void setParams({ cursor: nextCursor })}
        >
          Next page
        </Button>
      </div>
    </div>
  );
}
