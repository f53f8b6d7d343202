import { and, eq, inArray, or } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, invoices, ruleSets, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { applyInvoiceSetAction } from "@/lib/invoice-sets/apply-invoice-set-action";
import { bulkInvoiceSetAction } from "@/lib/invoice-sets/bulk-invoice-set-action";
import { STAFF_INVOICE_SET_ACTIONS, type StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";
import { INVOICE_SET_STATUSES, type InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let gentleId: string;
let actor: Actor;
let nextNumber = 70000;
const started = new Date();
// Fixed times every set starts with, so only what an action writes can differ.
const SEQUENCE_STARTED = new Date("2026-10-01T15:00:00Z");
const NEXT_SEND = new Date("2026-12-01T15:00:00Z");

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  const [gentle] = await database.db
    .insert(ruleSets)
    .values({ clinicId: clinic.clinicId, title: "Gentle", expiryDays: 60 })
    .returning({ id: ruleSets.id });
  gentleId = gentle?.id ?? "";
  actor = { kind: "user", userId: clinic.users.biller.id, ip: "198.51.100.21" };
});

/** A set with an open, a partly paid and a paid invoice, identical for both paths. */
async function makeSet(status: InvoiceSetStatus, patientId?: string) {
  const set = await createTestInvoiceSet(database.db, clinic, {
    status,
    ...(patientId ? { patientId } : {}),
    amountOutstandingCents: status === "paid" ? 0 : 9000,
    sequenceStep: 2,
    sequenceCycle: 1,
    sequenceStartedAt: SEQUENCE_STARTED,
    nextSendAt: NEXT_SEND,
    statusReason: status === "will_fail" || status === "failed" ? "No phone number on file" : null,
  });
  const rows = (["issued", "partially_paid", "paid"] as const).map((invoiceStatus) => {
    nextNumber += 1;
    return {
      clinicId: clinic.clinicId,
      number: nextNumber,
      patientId: set.patientId,
      invoiceSetId: set.id,
      status: invoiceStatus,
      totalCents: 5000,
      paidCents: invoiceStatus === "paid" ? 5000 : invoiceStatus === "partially_paid" ? 1000 : 0,
    };
  });
  const made = await database.db.insert(invoices).values(rows).returning({ id: invoices.id, number: invoices.number });
  return { set, invoices: made };
}

/**
 * Everything the action wrote about one set, with what necessarily differs between two
 * sets replaced by placeholders: their ids and invoice numbers, and times written "now".
 */
async function snapshot(made: Awaited<ReturnType<typeof makeSet>>) {
  const { db } = database;
  const invoiceIds = made.invoices.map((invoice) => invoice.id);
  const placeholders = new Map<string, string>([
    [made.set.id, "<set>"],
    [made.set.patientId, "<patient>"],
  ]);
  made.invoices.forEach((invoice, i) => {
    placeholders.set(invoice.id, `<invoice ${i}>`);
    placeholders.set(`#${invoice.number}`, `#<number ${i}>`);
  });
  const normalize = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (_key, v) => {
      if (typeof v !== "string") return v;
      if (/^\d{4}-\d{2}-\d{2}T/.test(v) && new Date(v) >= started) return "<now>";
      let text = v;
      for (const [from, to] of placeholders) text = text.split(from).join(to);
      return text;
    });

  const [set] = await db.select().from(invoiceSets).where(eq(invoiceSets.id, made.set.id));
  const invoiceRows = await db.select().from(invoices).where(inArray(invoices.id, invoiceIds));
  const timeline = await db
    .select()
    .from(timelineEvents)
    .where(or(eq(timelineEvents.invoiceSetId, made.set.id), inArray(timelineEvents.invoiceId, invoiceIds)));
  const audit = await db
    .select()
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.entityType, "invoice_set"), eq(auditLog.entityId, made.set.id)),
        and(eq(auditLog.entityType, "invoice"), inArray(auditLog.entityId, invoiceIds)),
      ),
    );
  const { id: _id, createdAt: _c, ...setColumns } = set ?? ({} as Record<string, unknown>);
  // Sorted after the placeholders go in, so both sets' rows line up.
  const sorted = (rows: unknown[]) =>
    rows.map(normalize).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    set: normalize(setColumns),
    invoices: sorted(invoiceRows.map(({ number: _n, createdAt: _ic, ...rest }) => rest)),
    timeline: sorted(timeline.map(({ id: _tid, ...event }) => event)),
    audit: sorted(audit.map(({ id: _aid, ...row }) => row)),
  };
}

describe("a row action and a bulk action of one set write the same thing", () => {
  const cases = STAFF_INVOICE_SET_ACTIONS.flatMap((action) =>
    INVOICE_SET_STATUSES.map((status) => ({ action, status })),
  );
  test.each(cases)(
    "$action from $status",
    async ({ action, status }: { action: StaffInvoiceSetAction; status: InvoiceSetStatus }) => {
      const ruleSetId = action === "change_rule_set" ? gentleId : undefined;
      const single = await makeSet(status);
      const bulk = await makeSet(status);

      const singleOutcome = await applyInvoiceSetAction(
        database.db,
        { clinicId: clinic.clinicId, actor },
        { invoiceSetId: single.set.id, action, ruleSetId },
      ).then(
        () => "changed",
        () => "refused",
      );
      const bulkResult = await bulkInvoiceSetAction(
        database.db,
        { clinicId: clinic.clinicId, clinicTimeZone: clinic.timeZone, actor },
        { action, ruleSetId, selection: { kind: "ids", ids: [bulk.set.id] } },
      );
      expect(bulkResult.changed === 1 ? "changed" : "refused").toBe(singleOutcome);

      const singleSnapshot = await snapshot(single);
      expect(await snapshot(bulk)).toEqual(singleSnapshot);
      // Not vacuous: a change writes its timeline and audit rows, a refusal writes none.
      const wrote = singleSnapshot.timeline.length > 0 && singleSnapshot.audit.length > 0;
      expect(wrote).toBe(singleOutcome === "changed");
    },
  );
});

test("Resume predicted to fail lands on Will Fail with the same reason either way", async () => {
  const unreachable = async () =>
    (await createTestPatient(database.db, clinic.clinicId, { phone: null, email: null })).id;
  const single = await makeSet("paused", await unreachable());
  const bulk = await makeSet("paused", await unreachable());
  const staff = { clinicId: clinic.clinicId, clinicTimeZone: clinic.timeZone, actor };
  expect(
    (await applyInvoiceSetAction(database.db, staff, { invoiceSetId: single.set.id, action: "resume" })).status,
  ).toBe("will_fail");
  await bulkInvoiceSetAction(database.db, staff, { action: "resume", selection: { kind: "ids", ids: [bulk.set.id] } });
  const singleSnapshot = await snapshot(single);
  expect(singleSnapshot.set).toMatchObject({
    status: "will_fail",
    statusReason: expect.stringContaining("on file"),
  });
  expect(await snapshot(bulk)).toEqual(singleSnapshot);
});
