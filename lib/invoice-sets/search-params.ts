import {
  createLoader,
  createParser,
  createSerializer,
  type inferParserType,
  parseAsArrayOf,
  parseAsNumberLiteral,
  parseAsStringLiteral,
} from "nuqs/server";
import { formatCentsPlain, parseDollarsToCents } from "@/lib/money";
import { INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";

/**
 * The invoice-set table's URL state: the ONE parser map used by the server page (via
 * `loadInvoiceSetSearchParams`) and by the client (`useQueryStates(invoiceSetSearchParams)`).
 * Every parser falls back to its default on a bad value, so a mangled URL shows the
 * default view instead of an error page.
 */

export const INVOICE_SET_SORTS = ["created", "amount", "nextSend"] as const;
export type InvoiceSetSort = (typeof INVOICE_SET_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Amounts are int4 cents in the database: a filter beyond that range is no filter. */
export const MAX_CENTS = 2_147_483_647;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A calendar day "YYYY-MM-DD" (interpreted in the clinic's time zone by the query). */
export const parseAsDay = createParser({
  parse: (value: string) => {
    if (!DATE_PATTERN.test(value)) return null;
    const date = new Date(`${value}T00:00:00Z`);
    const year = date.getUTCFullYear();
    // Real days only, in a range Postgres and the clinic's calendar both understand.
    if (Number.isNaN(date.getTime()) || year < 1900 || year > 2200) return null;
    return date.toISOString().slice(0, 10) !== value ? null : value;
  },
  serialize: (value: string) => value,
});

/** Dollars in the URL ("125" or "125.50"), integer cents in code. */
export const parseAsDollarsInCents = createParser({
  parse: (value: string) => {
    const cents = parseDollarsToCents(value);
    return cents !== null && cents >= 0 && cents <= MAX_CENTS ? cents : null;
  },
  serialize: (cents: number) => formatCentsPlain(cents),
});

export const parseAsUuid = createParser({
  parse: (value: string) => (UUID_PATTERN.test(value) ? value.toLowerCase() : null),
  serialize: (value: string) => value,
});

/** An opaque keyset cursor (see keyset-cursor.ts); validated when decoded. */
const parseAsCursor = createParser({
  parse: (value: string) => (/^[A-Za-z0-9_-]{1,400}$/.test(value) ? value : null),
  serialize: (value: string) => value,
});

export const invoiceSetSearchParams = {
  q: createParser({
    parse: (value: string) => value.replaceAll("\u0000", "").slice(0, 200),
    serialize: (value: string) => value,
  }).withDefault(""),
  status: parseAsArrayOf(parseAsStringLiteral(INVOICE_SET_STATUSES)).withDefault([]),
  amountMin: parseAsDollarsInCents,
  amountMax: parseAsDollarsInCents,
  createdFrom: parseAsDay,
  createdTo: parseAsDay,
  sendFrom: parseAsDay,
  sendTo: parseAsDay,
  ruleSet: parseAsUuid,
  sort: parseAsStringLiteral(INVOICE_SET_SORTS).withDefault("created"),
  dir: parseAsStringLiteral(SORT_DIRECTIONS).withDefault("desc"),
  cursor: parseAsCursor,
  size: parseAsNumberLiteral(PAGE_SIZES).withDefault(25),
};

export type InvoiceSetSearchParams = inferParserType<typeof invoiceSetSearchParams>;

/** Server side: `await loadInvoiceSetSearchParams(searchParams)` in a page, or a query string. */
export const loadInvoiceSetSearchParams = createLoader(invoiceSetSearchParams);

/** Builds "?q=…&status=…" for links (metric cards, "Clear filters"). */
export const serializeInvoiceSetSearchParams = createSerializer(invoiceSetSearchParams);

/** The filter keys (everything that narrows the rows, not sort or paging). */
export const FILTER_KEYS = [
  "q",
  "status",
  "amountMin",
  "amountMax",
  "createdFrom",
  "createdTo",
  "sendFrom",
  "sendTo",
  "ruleSet",
] as const satisfies readonly (keyof InvoiceSetSearchParams)[];

export type InvoiceSetFilters = Pick<InvoiceSetSearchParams, (typeof FILTER_KEYS)[number]>;

export function hasActiveFilters(params: InvoiceSetFilters): boolean {
  return FILTER_KEYS.some((key) => {
    const value = params[key];
    return Array.isArray(value) ? value.length > 0 : value !== null && value !== "";
  });
}

/** Defaults for every key: what a fresh visit to the page uses. */
export const DEFAULT_INVOICE_SET_SEARCH_PARAMS: InvoiceSetSearchParams = loadInvoiceSetSearchParams("");
