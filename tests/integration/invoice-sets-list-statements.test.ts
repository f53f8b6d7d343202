import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { type BenchClinic, buildMixes, floorOrder, floorWhere } from "@/bench/mixes";
import type { Database } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoiceSets, patients, ruleSets } from "@/db/schema";
import { encodeCursor } from "@/lib/invoice-sets/keyset-cursor";
import {
  countInvoiceSets,
  listInvoiceSetRows,
  listInvoiceSets,
  TOTAL_COUNT_CAP,
} from "@/lib/invoice-sets/list-invoice-sets";
import type { InvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { createTestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

/*
 * The list renders each request's own SQL text, reusing only the parts that depend on the
 * sort alone (db/run-statement.ts, list-invoice-sets.ts). Requests whose SQL differs only where a filter VALUE changes it (sort and direction, the
 * length of the status list, search by name, MRN or phone, one or two amount bounds, a cursor
 * either way or at a null send time, a capped or exact count) and requests whose SQL is the
 * same but whose values differ (page size, status, cursor) run here in three orders on one
 * handle. Every answer must equal the bare SQL of bench/mixes.ts: a statement part kept for
 * the wrong request returns another filter's rows or total.
 */

type Filters = Partial<InvoiceSetSearchParams>;
interface Check {
  name: string;
  run: () => Promise<unknown>;
  expected: unknown;
}

let database: Database;
const checks: Check[] = [];

const LAST_DAY = "2026-11-20";
const FIRST_NAMES = ["Maria", "Marcus", "Ana", "Li", "Olu", "Eve"];
const LAST_NAMES = ["Lopez", "Bell", "Ruiz", "Chen"];

beforeAll(async () => {
  database = await testDatabase();
  const { db } = database;
  const clinic = await createTestClinic(db, "Statement Clinic");
  const [gentle] = await db
    .insert(ruleSets)
    .values({ clinicId: clinic.clinicId, title: "Gentle", expiryDays: 60 })
    .returning({ id: ruleSets.id, title: ruleSets.title });
  if (!gentle) throw new Error("rule set insert returned nothing");

  const people = await db
    .insert(patients)
    .values(
      Array.from({ length: 48 }, (_, i) => ({
        clinicId: clinic.clinicId,
        externalId: `MRN-${100100 + i}`,
        firstName: FIRST_NAMES[i % FIRST_NAMES.length] ?? "",
        lastName: LAST_NAMES[i % LAST_NAMES.length] ?? "",
        dateOfBirth: "1985-04-12",
        phone: i % 5 === 4 ? null : `+1555010${1000 + i}`,
        email: `statement${i}@example.com`,
        timeZone: "America/New_York",
      })),
    )
    .returning({ id: patients.id });
  // Ties on every sort key (so ids break them), microsecond creation times, null send times.
  await db.insert(invoiceSets).values(
    people.map(({ id }, i) => ({
      clinicId: clinic.clinicId,
      patientId: id,
      ruleSetId: i % 2 === 0 ? clinic.ruleSetId : gentle.id,
      status: INVOICE_SET_STATUSES[i % INVOICE_SET_STATUSES.length] ?? "active",
      amountOutstandingCents: i % 6 === 0 ? 50_000 : (i * 7919) % 250_000,
      createdAt:
        i % 5 === 0
          ? sql`'2026-11-10 12:00:00.123456+00'::timestamptz`
          : sql`${`2026-11-20 18:00:00+00`}::timestamptz - ${`${i * 37} hours`}::interval`,
      nextSendAt:
        i % 3 === 0 ? null : sql`${`2026-11-18 15:00:00+00`}::timestamptz + ${`${(i % 8) * 2} days`}::interval`,
    })),
  );

  const bench: BenchClinic = {
    clinicId: clinic.clinicId,
    timeZone: "America/New_York",
    lastDay: LAST_DAY,
    ruleSets: [
      { id: clinic.ruleSetId, title: "Standard" },
      { id: gentle.id, title: gentle.title },
    ],
    samplePatient: { firstName: "Marcus", lastName: "Bell", phone: "+15550101001", externalId: "MRN-100101" },
  };
  const filters: Filters[] = [
    ...buildMixes(bench).map((mix) => mix.params),
    ...(["created", "amount", "nextSend"] as const).flatMap((sort) =>
      (["asc", "desc"] as const).map((dir): Filters => ({ sort, dir })),
    ),
    { status: ["paused", "active"] },
    { status: ["paid", "failed", "will_fail", "expired"], sort: "amount", dir: "asc" },
    { status: [...INVOICE_SET_STATUSES], sort: "nextSend", dir: "desc" },
    { amountMax: 100_000 },
    { amountMin: 50_000, amountMax: 50_000, sort: "amount", dir: "asc" },
    { q: "ana" },
    { q: "MRN-10012" },
    { q: "0101002" },
    { q: "maria lopez", sort: "nextSend", dir: "desc" },
    { createdFrom: "2026-11-01", sort: "nextSend", dir: "asc" },
    { sendFrom: "2026-11-20", sendTo: "2026-11-30", status: ["active", "will_fail", "expired"], dir: "asc" },
    { ruleSet: gentle.id, sort: "amount", dir: "desc" },
  ];
  for (const [index, filter] of filters.entries())
    await addChecks(bench, `#${index} ${JSON.stringify(filter)}`, filter);
});

/** The filter's whole ordered list (ids and sort keys) and its count, from the bare SQL. */
async function truth(clinic: BenchClinic, filter: Filters) {
  const { column, dir } = floorOrder(filter);
  return executeRows<{ value: string | null; id: string }>(
    database.db,
    `SELECT ${column}::text AS value, s.id FROM invoice_sets s WHERE ${floorWhere(clinic, filter)} ORDER BY ${column} ${dir}, s.id ${dir}`,
  );
}

async function addChecks(clinic: BenchClinic, name: string, filter: Filters) {
  const { db } = database;
  const all = await truth(clinic, filter);
  const ids = all.map((row) => row.id);
  const sort = filter.sort ?? "created";
  const cursorAt = (direction: "after" | "before", index: number) => {
    const row = all[index];
    if (!row) throw new Error(`no row ${index}`);
    const value = sort === "amount" ? Number(row.value) : row.value;
    return encodeCursor({ direction, sort, value, id: row.id });
  };
  const page = (params: Filters) => async () => {
    const result = await listInvoiceSets(db, clinic, { ...filter, ...params });
    return { ids: result.rows.map((row) => row.id), total: result.total };
  };
  const total = Math.min(ids.length, TOTAL_COUNT_CAP);

  checks.push(
    { name: `${name} first page`, run: page({}), expected: { ids: ids.slice(0, 25), total } },
    { name: `${name} size 50`, run: page({ size: 50 }), expected: { ids: ids.slice(0, 50), total } },
    { name: `${name} exact count`, run: () => countInvoiceSets(db, clinic, filter), expected: ids.length },
    {
      name: `${name} count capped at 3`,
      run: () => countInvoiceSets(db, clinic, filter, 3),
      expected: Math.min(ids.length, 3),
    },
    {
      name: `${name} export batch of 10`,
      run: async () => (await listInvoiceSetRows(db, clinic, filter, 10)).rows.map((row) => row.id),
      expected: ids.slice(0, 10),
    },
  );
  if (ids.length === 0) return;
  const last = ids.length - 1;
  const firstNull = all.findIndex((row) => row.value === null);
  const inRange = (indexes: number[]) => [...new Set(indexes.filter((i) => i >= 0 && i <= last))];
  for (const at of inRange([0, 3, firstNull, firstNull + 1, last - 2])) {
    checks.push({
      name: `${name} after row ${at}`,
      run: page({ cursor: cursorAt("after", at) }),
      expected: { ids: ids.slice(at + 1, at + 26), total },
    });
  }
  for (const at of inRange([last, 30, firstNull, firstNull + 1, 2])) {
    checks.push({
      name: `${name} before row ${at}`,
      run: page({ cursor: cursorAt("before", at) }),
      expected: { ids: ids.slice(Math.max(0, at - 25), at), total },
    });
  }
}

async function mismatches(order: Check[]) {
  const wrong: string[] = [];
  for (const check of order) {
    const actual = await check.run();
    if (JSON.stringify(actual) !== JSON.stringify(check.expected)) wrong.push(check.name);
  }
  return wrong;
}

describe("the list's statements, run by their own SQL text", () => {
  test("every filter shape answers like the bare SQL, in any order, on one handle", async () => {
    // Enough different answers that a statement shared by two shapes could not go unnoticed.
    expect(checks.length).toBeGreaterThan(300);
    expect(new Set(checks.map((check) => JSON.stringify(check.expected))).size).toBeGreaterThan(150);
    expect(await mismatches(checks)).toEqual([]);
    expect(await mismatches([...checks].reverse())).toEqual([]);
    const evens = checks.filter((_, i) => i % 2 === 0);
    const odds = checks.filter((_, i) => i % 2 === 1);
    expect(await mismatches([...odds, ...evens])).toEqual([]);
  });
});
