import { and, asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets, patients, ruleSets } from "@/db/schema";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { type BindValue, invoiceSetWhere } from "./invoice-set-where";
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
  const [rows, counted] = await Promise.all([
    pageRows(db, clinicId, p, decodeCursor(p.cursor, p.sort), p.size),
    countInvoiceSets(db, clinicId, p, TOTAL_COUNT_CAP + 1),
  ]);
  return { ...rows, total: Math.min(counted, TOTAL_COUNT_CAP), totalIsCapped: counted > TOTAL_COUNT_CAP };
}

export const TOTAL_COUNT_CAP = 1_000;

/**
 * The list's queries run as prepared statements, built once per filter shape. Unprepared,
 * postgres.js sends a query with parameters in two round trips (Parse/Describe, then
 * Bind/Execute) and the server parses it every time: on sub-millisecond queries that doubled
 * their cost (bench/). And building a 22-column select into SQL text costs more than running
 * it once it is prepared. So each shape (which filters are set, the sort and direction, the
 * kind of cursor) is built once with named placeholders for every value, kept per executor,
 * and later calls only bind values. Shapes are few (combinations of the page's filters).
 */
type Prepared = { execute(values: Record<string, unknown>): Promise<unknown> };
const preparedByExecutor = new WeakMap<Executor, Map<string, Prepared>>();

/** The one statement of this shape on this executor, built by `build` the first time. */
function prepared(db: Executor, shape: string, build: () => Prepared): Prepared {
  let statements = preparedByExecutor.get(db);
  if (!statements) {
    statements = new Map();
    preparedByExecutor.set(db, statements);
  }
  let statement = statements.get(shape);
  if (!statement) {
    statement = build();
    statements.set(shape, statement);
  }
  return statement;
}

/** Filter values as named placeholders, collected for binding; the names make the shape's key. */
function placeholders() {
  const values: Record<string, unknown> = {};
  const bind: BindValue = (name, value) => {
    values[name] = value;
    return sql.placeholder(name);
  };
  return { values, bind, shape: () => Object.keys(values).join() };
}

/** The name only switches preparing on: postgres.js names statements itself (by their text). */
const STATEMENT = "invoice_set_list";

/** How many sets match these filters (the "Select all N matching" number), stopping at `limit` when given. */
export async function countInvoiceSets(
  db: Executor,
  clinicId: string,
  params: Partial<InvoiceSetSearchParams> = {},
  limit?: number,
) {
  const { values, bind, shape } = placeholders();
  const where = invoiceSetWhere(clinicId, params, bind);
  const capped = limit !== undefined;
  if (capped) values.limit = limit;
  const statement = prepared(db, `count:${shape()}`, () => {
    if (!capped) return db.select({ n: count() }).from(invoiceSets).where(where).prepare(STATEMENT);
    const matching = db
      .select({ id: invoiceSets.id })
      .from(invoiceSets)
      .where(where)
      .limit(sql.placeholder("limit"))
      .as("matching");
    return db.select({ n: count() }).from(matching).prepare(STATEMENT);
  });
  const [row] = (await statement.execute(values)) as { n: number }[];
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
  return pageRows(db, clinicId, p, decodeCursor(p.cursor, p.sort), size);
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

type FetchedRow = InvoiceSetRow & { sortKey: string | null };

async function pageRows(
  db: Executor,
  clinicId: string,
  p: InvoiceSetSearchParams,
  cursor: KeysetCursor | null,
  size: number,
) {
  const backwards = cursor?.direction === "before";
  // Walking backwards = the reverse order, then flip the rows back.
  const ascending = (p.dir === "asc") !== backwards;
  const { values, bind, shape } = placeholders();
  const where = invoiceSetWhere(clinicId, p, bind);
  const seek = cursor ? seekCondition(p.sort, cursor, ascending, bind) : undefined;
  values.limit = size + 1;
  const statement = prepared(db, `page:${p.sort}:${ascending}:${shape()}`, () => {
    const column = SORT_COLUMNS[p.sort];
    const order = ascending ? [asc(column), asc(invoiceSets.id)] : [desc(column), desc(invoiceSets.id)];
    return db
      .select({
        ...INVOICE_SET_ROW_COLUMNS,
        // The sort key at full (microsecond) precision: a JS Date would round it and repeat rows.
        sortKey: sql<string | null>`${column}::text`,
      })
      .from(invoiceSets)
      .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
      .innerJoin(ruleSets, eq(ruleSets.id, invoiceSets.ruleSetId))
      .where(seek ? and(where, seek) : where)
      .orderBy(...order)
      .limit(sql.placeholder("limit"))
      .prepare(STATEMENT);
  });
  const fetched = (await statement.execute(values)) as FetchedRow[];

  const more = fetched.length > size;
  if (more) fetched.length = size;
  if (backwards) fetched.reverse();
  const first = fetched[0];
  const last = fetched[fetched.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : cursor !== null;
  const nextCursor = hasNext && last ? encodeCursor(cursorFor(p.sort, "after", last)) : null;
  const prevCursor = hasPrev && first ? encodeCursor(cursorFor(p.sort, "before", first)) : null;
  // The sort key is the cursor's business only: rows leave without it.
  for (const row of fetched) delete (row as Partial<FetchedRow>).sortKey;
  return { rows: fetched as InvoiceSetRow[], nextCursor, prevCursor };
}

function cursorFor(sort: InvoiceSetSort, direction: KeysetCursor["direction"], row: FetchedRow): KeysetCursor {
  const { sortKey } = row;
  const value = sort === "amount" ? row.amountOutstandingCents : sortKey;
  return { direction, sort, value, id: row.id };
}

/**
 * Rows strictly after the cursor in the walk order. NULL send times sort as the largest
 * value (Postgres' default: last ascending, first descending), matching the index order.
 */
function seekCondition(sort: InvoiceSetSort, cursor: KeysetCursor, ascending: boolean, bind: BindValue): SQL {
  const id = invoiceSets.id;
  const afterId = bind("cursorId", cursor.id);
  if (sort !== "nextSend") {
    const column = SORT_COLUMNS[sort];
    const value =
      sort === "created"
        ? sql`${bind("cursorValue", String(cursor.value))}::timestamptz`
        : sql`${bind("cursorValue", Number(cursor.value))}::int`;
    return ascending
      ? sql`(${column}, ${id}) > (${value}, ${afterId})`
      : sql`(${column}, ${id}) < (${value}, ${afterId})`;
  }
  const column = invoiceSets.nextSendAt;
  if (cursor.value === null) {
    return ascending
      ? sql`(${column} is null and ${id} > ${afterId})`
      : sql`(${column} is not null or ${id} < ${afterId})`;
  }
  const value = sql`${bind("cursorValue", String(cursor.value))}::timestamptz`;
  return ascending
    ? sql`(${column} is null or (${column}, ${id}) > (${value}, ${afterId}))`
    : sql`(${column}, ${id}) < (${value}, ${afterId})`;
}
