import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, inject, test } from "vitest";
import type { Database } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoiceSets, outreachEngineState, overviewAgingChanges, overviewSettled } from "@/db/schema";
import { settleOverviews } from "@/inngest/functions/settle-overviews";
import { runDueWork } from "@/inngest/local/run-due-work";
import type { Actor } from "@/lib/actor";
import { loadAging } from "@/lib/overview/load-aging";
import { AGING_BUCKETS, overviewRange } from "@/lib/overview/overview-range";
import { foldPendingChanges, RECEIPT_WAIT_MS, settleOverview } from "@/lib/overview/settle-overview";
import { recordInvoicePayment } from "@/lib/payments/record-payment";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { holdCrons } from "../support/hold-crons";
import { createTestInvoice } from "../support/invoice-fixtures";
import { engineOptions } from "../support/run-engine";
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

/** What the periodic settle does for the clinic's changes (the page's settle does it every five minutes). */
const fold = () => database.db.transaction((tx) => foldPendingChanges(tx, clinic.clinicId));

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

    // The fold moves the pending changes into the day totals; the figures do not move.
    await fold();
    expect(await pendingChanges()).toBe(0);
    expect(await expectSameAsDirect()).toEqual(paid);

    await database.db.transaction((tx) =>
      transitionInvoiceSet(tx, { clinicId: clinic.clinicId, invoiceSetId: closing.set.id, action: "cancel", actor }),
    );
    // Staff cannot reopen a closed set; a correction by hand is counted all the same.
    await database.db.update(invoiceSets).set({ status: "paid" }).where(eq(invoiceSets.id, reopened.set.id));
    await expectSameAsDirect();
    await fold();
    await database.db.update(invoiceSets).set({ status: "active" }).where(eq(invoiceSets.id, reopened.set.id));
    await database.db
      .update(invoiceSets)
      .set({ createdAt: ago(5) })
      .where(eq(invoiceSets.id, partly.set.id));
    await database.db.delete(invoiceSets).where(eq(invoiceSets.id, deleted.id));
    await expectSameAsDirect();

    // A Pause keeps the set open with its balance: nothing is appended.
    await fold();
    await database.db.transaction((tx) =>
      transitionInvoiceSet(tx, { clinicId: clinic.clinicId, invoiceSetId: paused.id, action: "pause", actor }),
    );
    expect(await pendingChanges()).toBe(0);
    const after = await expectSameAsDirect();
    expect(after.map((row) => row.sets)).toEqual([4, 5, 7, 3]);
  });
});

describe("settling", () => {
  test("moves the mark in steps of five minutes or more, folding the pending changes with it", async () => {
    const { db } = database;
    const third = await createTestClinic(db, "Settle Step Clinic");
    const scope = { clinicId: third.clinicId, timeZone: "America/New_York" };
    const mark = async () =>
      (await db.select().from(overviewSettled).where(eq(overviewSettled.clinicId, third.clinicId)))[0]?.settledBefore ??
      null;
    const changes = async () =>
      (await db.select().from(overviewAgingChanges).where(eq(overviewAgingChanges.clinicId, third.clinicId))).length;
    const hourBefore = (moment: Date) => new Date(moment.getTime() - RECEIPT_WAIT_MS);

    await settleOverview(db, scope, NOW);
    expect(await mark()).toEqual(hourBefore(NOW));
    // A view a minute later has nothing to settle: the mark stays, the charts read that minute live.
    const minuteLater = new Date(NOW.getTime() + 60_000);
    await settleOverview(db, scope, minuteLater);
    expect(await mark()).toEqual(hourBefore(NOW));
    // A pending aging change waits for the next step (the figures add it meanwhile).
    await createTestInvoiceSet(db, third, { amountOutstandingCents: 700, createdAt: ago(4) });
    await settleOverview(db, scope, minuteLater);
    expect([await changes(), await mark()]).toEqual([1, hourBefore(NOW)]);
    const sevenMinutesLater = new Date(NOW.getTime() + 7 * 60_000);
    await settleOverview(db, scope, sevenMinutesLater);
    expect([await changes(), await mark()]).toEqual([0, hourBefore(sevenMinutesLater)]);
  });
});

describe("the periodic settle of every clinic", () => {
  test("both engines fold every clinic's pending aging changes and move its mark", async () => {
    const { db } = database;
    const pendingOf = async (clinicId: string) =>
      (await db.select().from(overviewAgingChanges).where(eq(overviewAgingChanges.clinicId, clinicId))).length;
    const markOf = async (clinicId: string) =>
      (await db.select().from(overviewSettled).where(eq(overviewSettled.clinicId, clinicId)))[0]?.settledBefore ?? null;
    await createTestInvoiceSet(db, clinic, { amountOutstandingCents: 4200, createdAt: ago(12) });
    await createTestInvoiceSet(db, other, { amountOutstandingCents: 4300, createdAt: ago(12) });
    expect(await pendingOf(clinic.clinicId)).toBeGreaterThan(0);
    expect(await pendingOf(other.clinicId)).toBeGreaterThan(0);
    const figures = await directAging(NOW);

    // The local engine, with only its settle cron due (the others held), at NOW.
    await holdCrons(db);
    await db.delete(outreachEngineState).where(eq(outreachEngineState.key, "cron:settle-overviews"));
    await runDueWork(db, engineOptions({ now: NOW }));
    expect([await pendingOf(clinic.clinicId), await pendingOf(other.clinicId)]).toEqual([0, 0]);
    expect(await markOf(other.clinicId)).toEqual(new Date(NOW.getTime() - RECEIPT_WAIT_MS));
    expect(await expectSameAsDirect()).toEqual(figures);

    // The Inngest function runs the same body on the cron it is given.
    await createTestInvoiceSet(db, other, { amountOutstandingCents: 4400, createdAt: ago(2) });
    const { result } = await new InngestTestEngine({ function: settleOverviews }).execute();
    expect((result as { clinics: number }).clinics).toBeGreaterThanOrEqual(2);
    expect(await pendingOf(other.clinicId)).toBe(0);
    expect(JSON.stringify(settleOverviews.opts.triggers)).toContain("cron");
  });
});

const { url } = inject("testDatabase");
describe("Overview aging under concurrent writers", () => {
  test("a change appends a row and never updates a stored day, so writers of the same day never wait", async () => {
    const createdAt = at("2026-06-12T09:00:00Z");
    const sets = [
      await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: 5000, createdAt }),
      await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: 6000, createdAt }),
    ];
    await fold();
    // xmin: the transaction that last wrote the stored day row.
    const storedDay = async () =>
      executeRows<{ xmin: string; sets: number }>(
        database.db,
        sql`select xmin::text as xmin, sets from overview_aging_days where clinic_id = ${clinic.clinicId} and day = '2026-06-12'`,
      );
    const before = await storedDay();
    expect(before.map((row) => Number(row.sets))).toEqual([2]);
    for (const [n, set] of sets.entries())
      await database.db
        .update(invoiceSets)
        .set({ amountOutstandingCents: 100 + n })
        .where(eq(invoiceSets.id, set.id));
    expect(await storedDay()).toEqual(before);
    expect(await pendingChanges()).toBe(2);
    await expectSameAsDirect();
  });

  // Two connections at once: only a server has them (PGlite runs one transaction at a time; CI runs Postgres).
  test.runIf(url)("open transactions on the same day and the settle do not wait for each other", async () => {
    const createdAt = at("2026-06-10T09:00:00Z");
    const [first, second] = [
      await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: 5000, createdAt }),
      await createTestInvoiceSet(database.db, clinic, { amountOutstandingCents: 6000, createdAt: ago(20, 3_600_000) }),
    ];
    await fold();
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
    await fold();
    expect(await expectSameAsDirect()).toEqual(figures);
  });
});
