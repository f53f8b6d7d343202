import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoiceSets, ruleSets } from "@/db/schema";
import { countMetricCards } from "@/lib/invoice-sets/count-metric-cards";
import { countInvoiceSets, type InvoiceSetRow, listInvoiceSets } from "@/lib/invoice-sets/list-invoice-sets";
import { type InvoiceSetSearchParams, loadInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let gentleId: string;
const named: Record<string, string> = {};

// Clinic time zone is America/New_York (UTC-5 in November).
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  database = await testDatabase();
  const { db } = database;
  clinic = await createTestClinic(db);
  const other = await createTestClinic(db, "Other Clinic");
  const [gentle] = await db
    .insert(ruleSets)
    .values({ clinicId: clinic.clinicId, title: "Gentle", expiryDays: 60 })
    .returning();
  gentleId = gentle?.id ?? "";

  const make = async (
    key: string,
    patient: { firstName: string; lastName: string; phone: string | null; externalId: string },
    set: { status: InvoiceSetStatus; cents: number; createdAt: string; nextSendAt: string | null; ruleSetId?: string },
  ) => {
    const p = await createTestPatient(db, clinic.clinicId, patient);
    const row = await createTestInvoiceSet(db, clinic, {
      patientId: p.id,
      status: set.status,
      amountOutstandingCents: set.cents,
      createdAt: at(set.createdAt),
      nextSendAt: set.nextSendAt ? at(set.nextSendAt) : null,
      ruleSetId: set.ruleSetId ?? clinic.ruleSetId,
    });
    named[key] = row.id;
  };
  await make(
    "maria",
    { firstName: "Maria", lastName: "Lopez", phone: "+15550100123", externalId: "MRN-100001" },
    { status: "active", cents: 12500, createdAt: "2026-11-01T15:00:00Z", nextSendAt: "2026-11-25T15:00:00Z" },
  );
  await make(
    "marcus",
    { firstName: "Marcus", lastName: "Bell", phone: "+12025550143", externalId: "MRN-100002" },
    { status: "paused", cents: 4000, createdAt: "2026-11-05T15:00:00Z", nextSendAt: null },
  );
  await make(
    "ana",
    { firstName: "Ana", lastName: "Ruiz", phone: null, externalId: "MRN-200003" },
    {
      status: "will_fail",
      cents: 30000,
      createdAt: "2026-10-20T15:00:00Z",
      nextSendAt: "2026-11-23T15:00:00Z",
      ruleSetId: gentleId,
    },
  );
  await make(
    "li",
    { firstName: "Li", lastName: "Chen", phone: "+13125550199", externalId: "MRN-200004" },
    { status: "failed", cents: 9999, createdAt: "2026-11-10T04:30:00Z", nextSendAt: null },
  );
  await make(
    "olu",
    { firstName: "Olu", lastName: "Okafor", phone: "+17185550111", externalId: "MRN-200005" },
    { status: "paid", cents: 0, createdAt: "2026-11-12T15:00:00Z", nextSendAt: null },
  );
  await make(
    "eve",
    { firstName: "Eve", lastName: "Marsh", phone: "+14155550122", externalId: "X-7" },
    { status: "expired", cents: 50050, createdAt: "2026-09-01T15:00:00Z", nextSendAt: null, ruleSetId: gentleId },
  );
  // Another clinic's set with a matching name: must never appear.
  await createTestInvoiceSet(db, other, {
    patientId: (
      await createTestPatient(db, other.clinicId, { firstName: "Maria", lastName: "Lopez", phone: "+15550100123" })
    ).id,
  });
});

const params = (query: string) => loadInvoiceSetSearchParams(query);
async function ids(query: string) {
  const page = await listInvoiceSets(database.db, clinic, params(query));
  return page.rows.map((row) => Object.entries(named).find(([, id]) => id === row.id)?.[0] ?? row.id);
}
const sorted = async (query: string) => (await ids(query)).sort();

describe("the matching count", () => {
  test("stops at the limit it is given, and is exact without one", async () => {
    expect(await countInvoiceSets(database.db, clinic, {}, 4)).toBe(4);
    expect(await countInvoiceSets(database.db, clinic, {}, 100)).toBe(6);
    expect(await countInvoiceSets(database.db, clinic, {})).toBe(6);
  });
});

describe("invoice-set filters", () => {
  test("no filters: every set of the clinic, newest first, and the total", async () => {
    const page = await listInvoiceSets(database.db, clinic, params(""));
    expect(page).toMatchObject({ total: 6, totalIsCapped: false });
    expect(await ids("")).toEqual(["olu", "li", "marcus", "maria", "ana", "eve"]);
  });

  test.each([
    ["?q=maria", ["maria"]],
    ["?q=LOPEZ", ["maria"]],
    ["?q=mar", ["eve", "marcus", "maria"]],
    ["?q=MRN-2000", ["ana", "li", "olu"]],
    ["?q=x-7", ["eve"]],
    ["?q=(555)%20010-0123", ["maria"]],
    ["?q=555.010.0123", ["maria"]],
    ["?q=%2B1%20202-555-0143", ["marcus"]],
    ["?q=0143", ["marcus"]],
    ["?q=nobody", []],
    ["?q=100%25", []],
  ])("Search %s", async (query, expected) => {
    expect(await sorted(query)).toEqual(expected);
  });

  test.each([
    ["?status=paused", ["marcus"]],
    ["?status=failed,will_fail", ["ana", "li"]],
    ["?status=paid,bogus", ["olu"]],
    ["?amountMin=100", ["ana", "eve", "maria"]],
    ["?amountMax=99.99", ["li", "marcus", "olu"]],
    ["?amountMin=40&amountMax=125", ["li", "marcus", "maria"]],
    ["?createdFrom=2026-11-05", ["li", "marcus", "olu"]],
    ["?createdTo=2026-11-01", ["ana", "eve", "maria"]],
    // 2026-11-10T04:30Z is Nov 9, 11:30 pm in New York: the clinic's day, not UTC's.
    ["?createdFrom=2026-11-09&createdTo=2026-11-09", ["li"]],
    ["?sendFrom=2026-11-24", ["maria"]],
    ["?sendTo=2026-11-23", ["ana"]],
    ["?sendFrom=2026-11-01&sendTo=2026-11-30", ["ana", "maria"]],
  ])("%s", async (query, expected) => {
    expect(await sorted(query)).toEqual(expected);
  });

  test("Rule set, and combinations of filters", async () => {
    expect(await sorted(`?ruleSet=${gentleId}`)).toEqual(["ana", "eve"]);
    expect(await sorted(`?ruleSet=${gentleId}&status=expired`)).toEqual(["eve"]);
    expect(await sorted("?q=mar&status=active,paused&amountMax=50")).toEqual(["marcus"]);
    expect(await sorted("?q=(202)%20555&createdFrom=2026-11-01&status=paused")).toEqual(["marcus"]);
    expect(await sorted("?status=active,will_fail&sendFrom=2026-11-20&amountMin=200")).toEqual(["ana"]);
    const page = await listInvoiceSets(database.db, clinic, params("?q=mar&amountMin=100"));
    expect(page.total).toBe(2);
  });

  test("bad URL values fall back to defaults instead of failing", async () => {
    const p = params(
      "?status=nope&amountMin=abc&createdFrom=2026-13-45&ruleSet=123&sort=evil&dir=up&size=7&cursor=%%%",
    );
    expect(p).toMatchObject({
      status: [],
      amountMin: null,
      createdFrom: null,
      ruleSet: null,
      sort: "created",
      dir: "desc",
      size: 25,
      cursor: null,
    });
    expect(await ids("?cursor=bm90LWEtY3Vyc29y&sort=amount")).toHaveLength(6);
  });
});

describe("sorting and keyset pagination", () => {
  async function walk(query: Partial<InvoiceSetSearchParams>) {
    const seen: InvoiceSetRow[][] = [];
    let cursor: string | null = null;
    do {
      const page = await listInvoiceSets(database.db, clinic, { ...query, size: 25, cursor });
      seen.push(page.rows);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    return seen;
  }

  test.each([
    ["amount", "asc"],
    ["amount", "desc"],
    ["created", "asc"],
    ["nextSend", "asc"],
    ["nextSend", "desc"],
  ] as const)("pages by %s %s without repeats or gaps, forwards and back", async (sort, dir) => {
    // 30 extra sets with equal amounts / times / no send time, so ties must break on id.
    const tieClinic = await createTestClinic(database.db, `Ties ${sort} ${dir}`);
    const rows = [];
    for (let i = 0; i < 60; i += 1) {
      const p = await createTestPatient(database.db, tieClinic.clinicId);
      rows.push({
        clinicId: tieClinic.clinicId,
        patientId: p.id,
        ruleSetId: tieClinic.ruleSetId,
        status: "active" as const,
        amountOutstandingCents: i % 3 === 0 ? 5000 : i * 10,
        createdAt: at(
          i % 2 === 0 ? "2026-11-01T00:00:00.123456Z" : `2026-10-${String((i % 28) + 1).padStart(2, "0")}T00:00:00Z`,
        ),
        nextSendAt: i % 4 === 0 ? null : at(`2026-12-0${(i % 5) + 1}T10:00:00Z`),
      });
    }
    await database.db.insert(invoiceSets).values(rows);
    const pages: InvoiceSetRow[][] = [];
    let cursor: string | null = null;
    let last: Awaited<ReturnType<typeof listInvoiceSets>>;
    do {
      last = await listInvoiceSets(database.db, tieClinic, { sort, dir, size: 25, cursor });
      pages.push(last.rows);
      cursor = last.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
    const flat = pages.flat();
    expect(new Set(flat.map((r) => r.id)).size).toBe(60);
    // The order matches a plain full sort (nulls last ascending, first descending, id breaks ties).
    const key = (r: InvoiceSetRow) =>
      sort === "amount"
        ? r.amountOutstandingCents
        : sort === "created"
          ? r.createdAt.getTime()
          : (r.nextSendAt?.getTime() ?? Infinity);
    for (let i = 1; i < flat.length; i += 1) {
      const a = flat[i - 1];
      const b = flat[i];
      if (!a || !b) continue;
      const diff = dir === "asc" ? key(b) - key(a) : key(a) - key(b);
      expect(diff > 0 || (Number.isNaN(diff) || diff === 0 ? (dir === "asc" ? b.id > a.id : b.id < a.id) : false)).toBe(
        true,
      );
    }
    // Walk back from the last page with prevCursor: the same pages in reverse.
    let back = last.prevCursor;
    const reversed: InvoiceSetRow[][] = [];
    while (back) {
      const page = await listInvoiceSets(database.db, tieClinic, { sort, dir, size: 25, cursor: back });
      reversed.push(page.rows);
      back = page.prevCursor;
    }
    expect(reversed.map((p) => p.map((r) => r.id))).toEqual(
      pages
        .slice(0, -1)
        .reverse()
        .map((p) => p.map((r) => r.id)),
    );
  });

  test("the default page is 25 rows and walks the filtered set", async () => {
    expect((await walk({ status: ["paused"] })).flat().map((r) => r.id)).toEqual([named.marcus]);
  });
});

describe("metric cards", () => {
  test("count the clinic's Failed, Expired, Paused and Will Fail sets", async () => {
    expect((await countMetricCards(database.db, clinic.clinicId)).attention).toEqual({
      failed: 1,
      expired: 1,
      paused: 1,
      will_fail: 1,
    });
  });
});

describe("what staff type is matched as text, never run as SQL", () => {
  test("quotes, backslashes and SQL in Search and filters find exactly the matching sets", async () => {
    const { db } = database;
    const quoted = await createTestClinic(db, "Quoted Clinic");
    const make = async (lastName: string, externalId: string) => {
      const patient = await createTestPatient(db, quoted.clinicId, { firstName: "Siobhan", lastName, externalId });
      return (await createTestInvoiceSet(db, quoted, { patientId: patient.id })).id;
    };
    const obrien = await make("O'Brien", "Q'7");
    const slash = await make("Back", "B\\9");
    const plain = await make("Plain", "P-1");
    const search = async (q: string) => (await listInvoiceSets(db, quoted, { q })).rows.map((row) => row.id).sort();

    expect(await search("o'brien")).toEqual([obrien]);
    expect(await search("q'7")).toEqual([obrien]);
    expect(await search("b\\9")).toEqual([slash]);
    expect(await search("\\")).toEqual([slash]);
    expect(await search("siobhan")).toEqual([obrien, slash, plain].sort());
    expect(await search("x' or '1'='1")).toEqual([]);
    expect(await search("'); delete from invoice_sets; --")).toEqual([]);
    expect(await countInvoiceSets(db, quoted, { q: "'" })).toBe(1);
    expect(await countInvoiceSets(db, quoted, {})).toBe(3);
  });
});
