import { and, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoiceSetStatusChanges, invoiceSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { ATTENTION_STATUSES, countMetricCards } from "@/lib/invoice-sets/count-metric-cards";
import { settleOverview } from "@/lib/overview/settle-overview";
import { bulkTransitionInvoiceSets } from "@/lib/state-machine/bulk-transition-invoice-sets";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let other: TestClinic;

/** The count the cards made before the rollup: the reference it must match. */
async function directCounts() {
  const rows = await database.db
    .select({ status: invoiceSets.status, n: count() })
    .from(invoiceSets)
    .where(and(eq(invoiceSets.clinicId, clinic.clinicId), inArray(invoiceSets.status, [...ATTENTION_STATUSES])))
    .groupBy(invoiceSets.status);
  const counts = { failed: 0, expired: 0, paused: 0, will_fail: 0 };
  for (const row of rows) counts[row.status as keyof typeof counts] = row.n;
  return counts;
}

const pending = async () =>
  (
    await database.db
      .select()
      .from(invoiceSetStatusChanges)
      .where(eq(invoiceSetStatusChanges.clinicId, clinic.clinicId))
  ).length;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Cards Clinic");
  other = await createTestClinic(database.db, "Other Cards Clinic");
});

describe("metric cards from the status counts", () => {
  test("equal a direct count through inserts, single and bulk transitions, deletes and folds", async () => {
    const { db } = database;
    const actor: Actor = { kind: "user", userId: clinic.users.biller.id, ip: "203.0.113.7" };
    const make = (status: "active" | "paused" | "failed" | "expired" | "will_fail", n: number) =>
      Promise.all(Array.from({ length: n }, () => createTestInvoiceSet(db, clinic, { status })));
    const active = await make("active", 6);
    await make("failed", 2);
    const expired = await make("expired", 1);
    await make("will_fail", 3);
    await Promise.all(Array.from({ length: 4 }, () => createTestInvoiceSet(db, other, { status: "failed" })));
    expect((await countMetricCards(db, clinic.clinicId)).attention).toEqual(await directCounts());
    expect(await directCounts()).toEqual({ failed: 2, expired: 1, paused: 0, will_fail: 3 });

    // One statement pausing four sets appends one grouped row per status it moved.
    const before = await pending();
    await db.transaction((tx) =>
      bulkTransitionInvoiceSets(tx, {
        clinicId: clinic.clinicId,
        ids: active.slice(0, 4).map((set) => set.id),
        action: "pause",
        actor,
      }),
    );
    expect(await pending()).toBe(before + 2);
    expect((await countMetricCards(db, clinic.clinicId)).attention).toEqual({
      failed: 2,
      expired: 1,
      paused: 4,
      will_fail: 3,
    });

    await settleOverview(db, { clinicId: clinic.clinicId, timeZone: "America/New_York" }, new Date());
    expect(await pending()).toBe(0);
    await db.transaction((tx) =>
      transitionInvoiceSet(tx, {
        clinicId: clinic.clinicId,
        invoiceSetId: active[0]?.id ?? "",
        action: "resume",
        actor,
      }),
    );
    await db.delete(invoiceSets).where(eq(invoiceSets.id, expired[0]?.id ?? ""));
    // An update that moves no status appends nothing.
    const quiet = await pending();
    await db.update(invoiceSets).set({ amountOutstandingCents: 777 }).where(eq(invoiceSets.clinicId, clinic.clinicId));
    expect(await pending()).toBe(quiet);
    expect((await countMetricCards(db, clinic.clinicId)).attention).toEqual(await directCounts());
    expect(await directCounts()).toEqual({ failed: 2, expired: 0, paused: 3, will_fail: 3 });
    await settleOverview(db, { clinicId: clinic.clinicId, timeZone: "America/New_York" }, new Date());
    expect((await countMetricCards(db, clinic.clinicId)).attention).toEqual(await directCounts());
  });
});
