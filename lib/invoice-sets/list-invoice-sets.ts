import { and, asc, Column, desc, eq, is, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { renderStatement, runStatement } from "@/db/run-statement";
import { invoiceSets, patients, ruleSets } from "@/db/schema";
import type { ClinicScope } from "@/lib/clinics/clinic-scope";
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
  clinic: ClinicScope,
  params: Partial<InvoiceSetSearchParams> = {},
): Promise<InvoiceSetPage> {
  const p = { ...DEFAULT_INVOICE_SET_SEARCH_PARAMS, ...params };
  const [rows, counted] = await Promise.all([
    pageRows(db, clinic, p, p.size),
    countInvoiceSets(db, clinic, p, TOTAL_COUNT_CAP + 1),
  ]);
  return { ...rows, total: Math.min(counted, TOTAL_COUNT_CAP), totalIsCapped: counted > TOTAL_COUNT_CAP };
}

export const TOTAL_COUNT_CAP = 1_000;

/*
 * The list's statements are rendered per call from this call's own filters and run as
 * that text (db/run-statement.ts), so nothing a filter value changes in the SQL (sort
 * direction, the length of a status list, a cursor's direction or a null send time) is
 * ever shared between requests. Building them with drizzle's select builder cost more than
 * running the query (bench/), so the parts that depend on nothing but the sort (columns,
 * joins, order) are rendered once below, and a call renders only its WHERE.
 */

/** How many sets match these filters (the "Select all N matching" number), stopping at `limit` when given. */
export async function countInvoiceSets(
  db: Executor,
  clinic: ClinicScope,
  params: Partial<InvoiceSetSearchParams> = {},
  limit?: number,
) {
  const where = invoiceSetWhere(clinic, params);
  const statement =
    limit === undefined
      ? sql`select count(*) from ${invoiceSets} where ${where}`
      : sql`select count(*) from (select 1 from ${invoiceSets} where ${where} limit ${limit}) matching`;
  const [row] = await runStatement(db, renderStatement(statement));
  return Number(row?.[0] ?? 0);
}

/**
 * Pages of the filtered list without the count, `size` rows at a time (the CSV export walks
 * every page this way, a keyset step per batch, so memory stays flat at any size).
 */
export function listInvoiceSetRows(
  db: Executor,
  clinic: ClinicScope,
  params: Partial<InvoiceSetSearchParams>,
  size: number,
): Promise<Pick<InvoiceSetPage, "rows" | "nextCursor">> {
  return pageRows(db, clinic, { ...DEFAULT_INVOICE_SET_SEARCH_PARAMS, ...params }, size);
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

interface RowColumn {
  group: string | null;
  key: string;
  column: Column;
}

/** The row's columns in select order: where each goes in the row (`group` = its nested object). */
const ROW_COLUMNS = Object.entries(INVOICE_SET_ROW_COLUMNS).flatMap(([key, value]): RowColumn[] =>
  is(value, Column)
    ? [{ group: null, key, column: value }]
    : Object.entries(value).map(([nested, column]) => ({ group: key, key: nested, column: column as Column })),
);

/** One row from its column values, each decoded as drizzle decodes it (timestamps to Dates). */
function readRow(values: unknown[]): InvoiceSetRow {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < ROW_COLUMNS.length; i += 1) {
    const { group, key, column } = ROW_COLUMNS[i] as RowColumn;
    const value = values[i];
    if (group && !row[group]) row[group] = {};
    const target = group ? (row[group] as Record<string, unknown>) : row;
    target[key] = value === null ? null : column.mapFromDriverValue(value);
  }
  return row as unknown as InvoiceSetRow;
}

/**
 * Per sort: the page's select (the row's columns, then the sort key at full microsecond
 * precision: a JS Date would round it and repeat rows) and its two orders.
 */
const PAGE_SQL = Object.fromEntries(
  (Object.keys(SORT_COLUMNS) as InvoiceSetSort[]).map((sort) => {
    const column = SORT_COLUMNS[sort];
    const select = renderStatement(
      sql`select ${sql.join(
        ROW_COLUMNS.map((c) => c.column),
        sql`, `,
      )}, ${column}::text from ${invoiceSets} inner join ${patients} on ${eq(patients.id, invoiceSets.patientId)} inner join ${ruleSets} on ${eq(ruleSets.id, invoiceSets.ruleSetId)}`,
    ).sql;
    const order = (by: typeof asc) => renderStatement(sql`order by ${by(column)}, ${by(invoiceSets.id)}`).sql;
    return [sort, { select, asc: order(asc), desc: order(desc) }];
  }),
) as Record<InvoiceSetSort, { select: string; asc: string; desc: string }>;

async function pageRows(db: Executor, clinic: ClinicScope, p: InvoiceSetSearchParams, size: number) {
  const cursor = decodeCursor(p.cursor, p.sort);
  const backwards = cursor?.direction === "before";
  // Walking backwards = the reverse order, then flip the rows back.
  const ascending = (p.dir === "asc") !== backwards;
  const where = invoiceSetWhere(clinic, p);
  const seek = cursor ? seekCondition(p.sort, cursor, ascending) : undefined;
  const { select, asc: orderAsc, desc: orderDesc } = PAGE_SQL[p.sort];
  const fetched = await runStatement(
    db,
    renderStatement(
      sql`${sql.raw(select)} where ${seek ? and(where, seek) : where} ${sql.raw(ascending ? orderAsc : orderDesc)} limit ${size + 1}`,
    ),
  );

  const more = fetched.length > size;
  if (more) fetched.length = size;
  if (backwards) fetched.reverse();
  const first = fetched[0];
  const last = fetched[fetched.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : cursor !== null;
  return {
    rows: fetched.map(readRow),
    nextCursor: hasNext && last ? encodeCursor(cursorFor(p.sort, "after", last)) : null,
    prevCursor: hasPrev && first ? encodeCursor(cursorFor(p.sort, "before", first)) : null,
  };
}

/** The cursor at a fetched row: its id, and its sort key (the column after the row's). */
function cursorFor(sort: InvoiceSetSort, direction: KeysetCursor["direction"], values: unknown[]): KeysetCursor {
  const sortKey = values[ROW_COLUMNS.length] as string | null;
  return { direction, sort, value: sort === "amount" ? Number(sortKey) : sortKey, id: values[0] as string };
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
