import { AppError } from "@/lib/errors";
import { INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import {
  FILTER_KEYS,
  type InvoiceSetFilters,
  invoiceSetSearchParams,
  loadInvoiceSetSearchParams,
} from "./search-params";

const REFUSAL =
  "The filters of this selection could not be read, so nothing was changed. Reload the page and select again.";

/**
 * The filters of a bulk "select all matching" action. The page's loader quietly drops a
 * value it cannot parse (showing the default view is fine for a page), but for a bulk
 * change that would widen the selection, up to every set: here any unreadable filter
 * refuses the whole action.
 */
export function strictFiltersFromQuery(query: string): InvoiceSetFilters {
  const search = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  for (const key of FILTER_KEYS) {
    const raw = search.get(key);
    if (raw === null || raw === "") continue;
    const readable =
      key === "status"
        ? raw.split(",").every((status) => (INVOICE_SET_STATUSES as readonly string[]).includes(status))
        : invoiceSetSearchParams[key].parse(raw) !== null;
    if (!readable) throw new AppError("invalid_input", REFUSAL);
  }
  const params = loadInvoiceSetSearchParams(`?${search.toString()}`);
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params[key]])) as InvoiceSetFilters;
}
