"use client";

import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { invoiceSetSearchParams } from "@/lib/invoice-sets/search-params";

/**
 * The table's URL state on the client, from the same parser map the server page reads.
 * Changes re-render the server page (shallow: false); `isPending` covers the round trip.
 */
export function useInvoiceSetParams() {
  const [isPending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(invoiceSetSearchParams, {
    shallow: false,
    startTransition,
    history: "push",
  });
  return { params, setParams, isPending };
}
