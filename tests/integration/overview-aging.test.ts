import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, inject, test } from "vitest";
import type { Database } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoiceSets, overviewAgingChanges } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { loadAging } from "@/lib/overview/load-aging";
import { AGING_BUCKETS, overviewRange } from "@/lib/overview/overview-range";
import { settleOverview } from "@/lib/overview/settle-overview";
import { recordInvoicePayment } from "@/lib/payments/record-payment";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const NOW = at("2026-06-30T16:00:00Z");
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY + ms);
// Bucket limits mid-day, exactly at midnight UTC, late in the day, and a week on.
const NOWS = [NOW, at("2026-06-30T00:00:00Z"), at("2026-06-30T23:59:59.999Z"), at("2026-07-07T09:30:00Z")];

let database: Database;
let clinic: TestClinic;
let other: TestClinic;

/** The direct query loadAging ran before the rollup: the reference the rollup must match. */
async function directAging(now: Date) {
  const since = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const [row] = await executeRows<Record<string, string | number | null>>(
    database.db,
    sql`
      select count(*) filter (where created_at > ${since(31)}::timestamptz) as s0,
             sum(amount_outstanding_cents) filter (where created_at > ${since(31)}::timestamptz) as c0,
             count(*) filter (where created_at <= ${since(31)}::timestamptz and created_at > ${since(61)}::timestamptz) as s1,
             sum(amount_outstanding_cents) filter (where created_at <= ${since(31)}::timestamptz and created_at > ${since(61)}::timestamptz) as c1,
             count(*) filter (where created_at <= ${since(61)}::timestamptz and created_at > ${since(91)}::timestamptz) as s2,
             sum(amount_outstanding_cents) filter (where created_at <= ${since(61)}::timestamptz and created_at > ${since(91)}::timestamptz) as c2,
             count(*) filter (where created_at <= ${since(91)}::timestamptz) as s3,
             sum(amount_outstanding_cents) filter (where created_at <= ${since(91)}::timestamptz) as c3
      from invoice_sets
      where clinic_id = ${clinic.clinicId} and status in ('active', 'paused', 'expired', 'will_fail', 'failed')
        and amount_outstanding_cents > 0`,
  );
  return AGING_BUCKETS.map((bucket, i) => ({
    bucket,
    sets: Number(row?.[`s${i}`] ?? 0),
    cents: Number(row?.[`c${i}`] ?? 0),
  }));
}

/** loadAging equals the direct query at every `now`; returns the figures at NOW. */
async function expectSameAsDirect() {
  for (const now of NOWS) {
    const range = overviewRange({}, { clinicId: clinic.clinicId, timeZone: "America/New_York" }, now);
    expect(await loadAging(database.db, range)).toEqual(await directAging(now));
  }
  return directAging(NOW);
}

const pendingChanges = async () =>
  (await database.db.select().from(overviewAgingChanges).where(eq(overviewAgingChanges.clinicId, clinic.clinicId)))
    .length;

const settle = () =>
  settleOverview(database.db, { clinicId: clinic.clinicId, timeZone: "America/New_York" }, new Date());

/** An Active set with one issued invoice of its whole balance, so payments go through the app. */
async function billedSet(createdAt: Date, cents: number) {
  const set = await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: cents, createdAt });
  const invoice = await createTestInvoice(database.db, clinic, {
    patientId: set.patientId,
    invoiceSetId: set.id,
    totalCents: cents,
  });
  return { set, invoice };
}

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  other = await createTestClinic(database.db, "Other Clinic");
});

describe("Overview aging from the day rollup", () => {
  test("equals the direct query through inserts, payments, closing, reopening, deleting and a Pause", async () => {
    const actor: Actor = { kind: "user", userId: clinic.users.biller.id, ip: "203.0.113.7" };
    // Sets on both sides of each limit (to the millisecond), well inside each bucket, and in
    // every status; another clinic's set on a limit day must not count.
    const nearLimits = [31, 61, 91].flatMap((days) => [
      ago(days, -3_600_000),
      ago(days),
      ago(days, 1),
      ago(days, 3_600_000),
    ]);
    for (const [n, createdAt] of nearLimits.entries())
      await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: 1000 + n, createdAt });
    const others: [InvoiceSetStatus, number, Date][] = [
      ["paused", 700, ago(3)],
      ["expired", 800, ago(45)],
      ["will_fail", 900, ago(75)],
      ["failed", 600, ago(400)],
      ["cancelled", 500, ago(10)],
      ["active", 0, ago(10)],
    ];
    for (const [status, amountOutstandingCents, createdAt] of others)
      await createTestInvoiceSet(database.db, clinic, { status, amountOutstandingCents, createdAt });
    await createTestInvoiceSet(database.db, other, { amountOutstandingCents: 99900, createdAt: ago(31, 1) });
    const partly = await billedSet(ago(31, 60_000), 5000);
    const fully = await billedSet(ago(61, -60_000), 3000);
    const closing = await billedSet(ago(20), 4000);
    const reopened = await billedSet(ago(91, 120_000), 2500);
    const deleted = await createTestInvoiceSet(database.db, clinic, {
      amountOutstandingCents: 1200,
      createdAt: ago(91),
    });
    const paused = await createTestInvoiceSet(database.db, clinic, {
      amountOutstandingCents: 1300,
      createdAt: ago(61),
    });
    const before = await expectSameAsDirect();
    expect(before.map((row) => row.sets)).toEqual([5, 5, 8, 4]);

    const pay = (invoiceId: string, amountCents: number) =>
      database.db.transaction((tx) =>
        recordInvoicePayment(tx, {
          clinicId: clinic.clinicId,
          invoiceId,
          amountCents,
          method: "card",
          reference: null,
          receivedAt: NOW,
          actor,
        }),
      );
    await pay(partly.invoice.id, 1500);
    await pay(fully.invoice.id, 3000);
    const [cleared] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, fully.set.id));
    expect(cleared?.amountOutstandingCents).toBe(0);
    const paid = await expectSameAsDirect();
    expect(paid[0]?.cents).toBe((before[0]?.cents ?? 0) - 1500);

    // The settle folds the pending changes into the day totals; the figures do not move.
    await settle();
    expect(await pendingChanges()).toBe(0);
    expect(await expectSameAsDirect()).toEqual(paid);

    await database.db.transaction((tx) =>
      transitionInvoiceSet(tx, { clinicId: clinic.clinicId, invoiceSetId: closing.set.id, action: "cancel", actor }),
    );
    // Staff cannot reopen a closed set; a correction by hand is counted all the same.
    await database.db.update(invoiceSets).set({ status: "paid" }).where(eq(invoiceSets.id, reopened.set.id));
    await expectSameAsDirect();
    await settle();
    await database.db.update(invoiceSets).set({ status: "active" }).where(eq(invoiceSets.id, reopened.set.id));
    await database.db
      .update(invoiceSets)
      .set({ createdAt: ago(5) })
      .where(eq(invoiceSets.id, partly.set.id));
    await database.db.delete(invoiceSets).where(eq(invoiceSets.id, deleted.id));
    await expectSameAsDirect();

    // A Pause keeps the set open with its balance: nothing is appended.
    await settle();
    await database.db.transaction((tx) =>
      transitionInvoiceSet(tx, { clinicId: clinic.clinicId, invoiceSetId: paused.id, action: "pause", actor }),
    );
    expect(await pendingChanges()).toBe(0);
    const after = await expectSameAsDirect();
    expect(after.map((row) => row.sets)).toEqual([4, 5, 7, 3]);
  });
});

// Two connections at once: Postgres only (PGlite has a single connection, one transaction at a time).
const { url } = inject("testDatabase");
describe.runIf(url)("Overview aging under concurrent writers", () => {
  test("transactions changing sets of the same day, and the settle, do not wait for each other", async () => {
    const createdAt = at("2026-06-10T09:00:00Z");
    const [first, second] = [
      await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: 5000, createdAt }),
      await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: 6000, createdAt: ago(20, 3_600_000) }),
    ];
    await settle();
    const client = postgres(url ?? "", { max: 2, onnotice: () => {} });
    try {
      const a = await client.reserve();
      const b = await client.reserve();
      // Waiting on a lock fails the step instead of hanging the test.
      for (const session of [a, b]) await session`set lock_timeout = '5s'`;
      await a`begin`;
      await a`update invoice_sets set amount_outstanding_cents = 4000 where id = ${first?.id ?? ""}`;
      await b`begin`;
      await b`update invoice_sets set amount_outstanding_cents = 5500, created_at = ${createdAt} where id = ${second?.id ?? ""}`;
      await b`commit`;
      // The page's settle runs while the first transaction is still open.
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '5s'`);
        await settleOverview(tx, { clinicId: clinic.clinicId, timeZone: "America/New_York" }, new Date());
      });
      await a`commit`;
      a.release();
      b.release();
    } finally {
      await client.end({ timeout: 5 });
    }
    const figures = await expectSameAsDirect();
    await settle();
    expect(await expectSameAsDirect()).toEqual(figures);
  });
});
