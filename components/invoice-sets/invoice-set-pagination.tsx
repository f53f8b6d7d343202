"use client";

import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { TablePagination } from "@/components/ui/table";
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
    <TablePagination
      summary={`${total.toLocaleString("en-US")}${totalIsCapped ? "+" : ""} invoice ${
        total === 1 && !totalIsCapped ? "set" : "sets"
      }${shown > 0 ? ` · showing ${shown}` : ""}`}
    >
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
      <Button variant="secondary" size="sm" disabled={!params.cursor} onClick={() => void setParams({ cursor: null })}>
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
    </TablePagination>
  );
}
