import { and, asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets, patients, ruleSets } from "@/db/schema";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { invoiceSetWhere } from "./invoice-set-where";
import { decodeCursor, encodeCursor, type KeysetCursor } from "./keyset-cursor";
import { DEFAULT_INVOICE_SET_SEARCH_PARAMS, type InvoiceSetSearchParams, type InvoiceSetSort } from "./search-params";

export interface InvoiceSetRow {
  id: string;
  status: InvoiceSetStatus;
  statusReason: string | null;
  /** "Pause until": when a paused set resumes by itself. */
  resumeAt: Date | null;
  amountOutstandingCents: number;
  createdAt: Date;
  nextSendAt: Date | null;
  ruleSetId: string;
  ruleSetTitle: string;
  patient: {
    id: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    email: string | null;
    externalId: string;
    /** Contact facts that explain Will Fail / Failed (explain-contact-problem.ts). */
    smsOptedOutAt: Date | null;
    phoneIsLandline: boolean;
    phoneUnusableReason: string | null;
    emailUndeliverableAt: Date | null;
    emailUndeliverableReason: string | null;
  };
}

export interface InvoiceSetPage {
  rows: InvoiceSetRow[];
  /** Rows matching the filters (all pages), counted up to TOTAL_COUNT_CAP. */
  total: number;
  /** True when more than TOTAL_COUNT_CAP rows match: show "1,000+". */
  totalIsCapped: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

const SORT_COLUMNS = {
  created: invoiceSets.createdAt,
  amount: invoiceSets.amountOutstandingCents,
  nextSend: invoiceSets.nextSendAt,
} as const;

/**
 * One page of a clinic's invoice sets, filtered and sorted on the server. Keyset
 * pagination on (sort key, id) — stable, and as fast on page 10,000 as on page 1 — using
 * the clinic-led composite indexes of db/schema/invoice-sets.ts. The total is counted
 * only up to TOTAL_COUNT_CAP: an exact count of a million-row clinic costs 200 ms+ on
 * every page (bench/), and nobody needs to know 412,337 from "1,000+".
 */
export async function listInvoiceSets(
  db: Executor,
  clinicId: string,
  params: Partial<InvoiceSetSearchParams> = {},
): Promise<InvoiceSetPage> {
  const p = { ...DEFAULT_INVOICE_SET_SEARCH_PARAMS, ...params };
  const where = invoiceSetWhere(clinicId, p);
  const cursor = decodeCursor(p.cursor, p.sort);
  const [rows, counted] = await Promise.all([
    pageRows(db, where, p, cursor, p.size),
    countInvoiceSets(db, clinicId, p, TOTAL_COUNT_CAP + 1),
  ]);
  return { ...rows, total: Math.min(counted, TOTAL_COUNT_CAP), totalIsCapped: counted > TOTAL_COUNT_CAP };
}

export const TOTAL_COUNT_CAP = 1_000;

/**
 * The list's queries run as prepared statements. Unprepared, postgres.js sends a query with
 * parameters in two round trips (Parse/Describe, then Bind/Execute) and the server parses it
 * every time: on sub-millisecond queries that doubled their cost (bench/). Prepared, the
 * driver keys each statement by its text (one per filter combination), so repeats take one
 * round trip. The name only switches preparing on: postgres.js names statements itself.
 */
const STATEMENT = "invoice_set_list";

/** How many sets match these filters (the "Select all N matching" number), stopping at `limit` when given. */
export async function countInvoiceSets(
  db: Executor,
  clinicId: string,
  params: Partial<InvoiceSetSearchParams> = {},
  limit?: number,
) {
  const where = invoiceSetWhere(clinicId, params);
  if (limit === undefined) {
    const [row] = await db.select({ n: count() }).from(invoiceSets).where(where).prepare(STATEMENT).execute();
    return Number(row?.n ?? 0);
  }
  const matching = db.select({ id: invoiceSets.id }).from(invoiceSets).where(where).limit(limit).as("matching");
  const [row] = await db.select({ n: count() }).from(matching).prepare(STATEMENT).execute();
  return Number(row?.n ?? 0);
}

/**
 * Pages of the filtered list without the count, `size` rows at a time (the CSV export walks
 * every page this way, a keyset step per batch, so memory stays flat at any size).
 */
export function listInvoiceSetRows(
  db: Executor,
  clinicId: string,
  params: Partial<InvoiceSetSearchParams>,
  size: number,
): Promise<Pick<InvoiceSetPage, "rows" | "nextCursor">> {
  const p = { ...DEFAULT_INVOICE_SET_SEARCH_PARAMS, ...params };
  return pageRows(db, invoiceSetWhere(clinicId, p), p, decodeCursor(p.cursor, p.sort), size);
}

/** The columns of one list row (the page, the export and the API's single-set read share them). */
export const INVOICE_SET_ROW_COLUMNS = {
  id: invoiceSets.id,
  status: invoiceSets.status,
  statusReason: invoiceSets.statusReason,
  resumeAt: invoiceSets.resumeAt,
  amountOutstandingCents: invoiceSets.amountOutstandingCents,
  createdAt: invoiceSets.createdAt,
  nextSendAt: invoiceSets.nextSendAt,
  ruleSetId: invoiceSets.ruleSetId,
  ruleSetTitle: ruleSets.title,
  patient: {
    id: patients.id,
    firstName: patients.firstName,
    lastName: patients.lastName,
    phone: patients.phone,
    email: patients.email,
    externalId: patients.externalId,
    smsOptedOutAt: patients.smsOptedOutAt,
    phoneIsLandline: patients.phoneIsLandline,
    phoneUnusableReason: patients.phoneUnusableReason,
    emailUndeliverableAt: patients.emailUndeliverableAt,
    emailUndeliverableReason: patients.emailUndeliverableReason,
  },
};

async function pageRows(
  db: Executor,
  where: SQL,
  p: InvoiceSetSearchParams,
  cursor: KeysetCursor | null,
  size: number,
) {
  const backwards = cursor?.direction === "before";
  // Walking backwards = the reverse order, then flip the rows back.
  const ascending = (p.dir === "asc") !== backwards;
  const column = SORT_COLUMNS[p.sort];
  const order = ascending ? [asc(column), asc(invoiceSets.id)] : [desc(column), desc(invoiceSets.id)];
  const seek = cursor ? seekCondition(p.sort, cursor, ascending) : undefined;

  const fetched = await db
    .select({
      ...INVOICE_SET_ROW_COLUMNS,
      // The sort key at full (microsecond) precision: a JS Date would round it and repeat rows.
      sortKey: sql<string | null>`${SORT_COLUMNS[p.sort]}::text`,
    })
    .from(invoiceSets)
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .innerJoin(ruleSets, eq(ruleSets.id, invoiceSets.ruleSetId))
    .where(seek ? and(where, seek) : where)
    .orderBy(...order)
    .limit(size + 1)
    .prepare(STATEMENT)
    .execute();

  const more = fetched.length > size;
  const page = fetched.slice(0, size).map(({ sortKey, ...row }) => ({ row, sortKey }));
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : cursor !== null;
  return {
    rows: page.map((entry) => entry.row),
    nextCursor: hasNext && last ? encodeCursor(cursorFor(p.sort, "after", last)) : null,
    prevCursor: hasPrev && first ? encodeCursor(cursorFor(p.sort, "before", first)) : null,
  };
}

function cursorFor(
  sort: InvoiceSetSort,
  direction: KeysetCursor["direction"],
  { row, sortKey }: { row: InvoiceSetRow; sortKey: string | null },
): KeysetCursor {
  const value = sort === "amount" ? row.amountOutstandingCents : sortKey;
  return { direction, sort, value, id: row.id };
}

/**
 * Rows strictly after the cursor in the walk order. NULL send times sort as the largest
 * value (Postgres' default: last ascending, first descending), matching the index order.
 */
function seekCondition(sort: InvoiceSetSort, cursor: KeysetCursor, ascending: boolean): SQL {
  const id = invoiceSets.id;
  if (sort !== "nextSend") {
    const column = SORT_COLUMNS[sort];
    const value = sort === "created" ? sql`${String(cursor.value)}::timestamptz` : sql`${Number(cursor.value)}::int`;
    return ascending
      ? sql`(${column}, ${id}) > (${value}, ${cursor.id})`
      : sql`(${column}, ${id}) < (${value}, ${cursor.id})`;
  }
  const column = invoiceSets.nextSendAt;
  if (cursor.value === null) {
    return ascending
      ? sql`(${column} is null and ${id} > ${cursor.id})`
      : sql`(${column} is not null or ${id} < ${cursor.id})`;
  }
  const value = sql`${String(cursor.value)}::timestamptz`;
  return ascending
    ? sql`(${column} is null or (${column}, ${id}) > (${value}, ${cursor.id}))`
    : sql`(${column}, ${id}) < (${value}, ${cursor.id})`;
}
