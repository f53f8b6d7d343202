import { InngestTestEngine } from "@inngest/test";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, clinics, invoices, timelineEvents } from "@/db/schema";
import { flagPastDue, runFlagPastDue } from "@/inngest/functions/flag-past-due";
import { flagPastDueInvoices } from "@/lib/state-machine/flag-past-due-invoices";
import { createTestClinic, createTestPatient, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

// 2026-11-22 02:00 UTC is still 2026-11-21 in New York (the clinic's zone).
const NOW = new Date("2026-11-22T02:00:00Z");

async function scenario() {
  const patient = await createTestPatient(database.db, clinic.clinicId);
  const make = (overrides: Parameters<typeof createTestInvoice>[2]) =>
    createTestInvoice(database.db, clinic, { patientId: patient.id, ...overrides });
  return {
    overdue: await make({ status: "issued", dueDate: "2026-11-20" }),
    overduePartial: await make({ status: "partially_paid", dueDate: "2026-11-01", paidCents: 4000 }),
    dueTodayLocal: await make({ status: "issued", dueDate: "2026-11-21" }),
    notDue: await make({ status: "issued", dueDate: "2026-12-20" }),
    draft: await make({ status: "draft", dueDate: "2026-11-01" }),
    paidStillFlagged: await make({ status: "paid", dueDate: "2026-11-01", paidCents: 10000, pastDue: true }),
    voidedStillFlagged: await make({ status: "voided", dueDate: "2026-11-01", pastDue: true }),
    dueMovedFlagged: await make({ status: "issued", dueDate: "2026-12-31", pastDue: true }),
  };
}

const flags = async (ids: string[]) =>
  Object.fromEntries(
    (
      await database.db
        .select({ id: invoices.id, pastDue: invoices.pastDue })
        .from(invoices)
        .where(inArray(invoices.id, ids))
    ).map((r) => [r.id, r.pastDue]),
  );

describe("past-due flagging", () => {
  test("flags overdue invoices with a balance, clears closed ones, writes timeline and audit, and is idempotent", async () => {
    const rows = await scenario();
    const ids = Object.values(rows).map((row) => row.id);

    const first = await database.db.transaction((tx) => flagPastDueInvoices(tx, NOW));
    // Other test files' clinics share the database, so count at least ours.
    expect(first.flagged).toBeGreaterThanOrEqual(2);
    expect(first.cleared).toBeGreaterThanOrEqual(3);
    const after = await flags(ids);
    expect(after).toEqual({
      [rows.overdue.id]: true,
      [rows.overduePartial.id]: true,
      [rows.dueTodayLocal.id]: false,
      [rows.notDue.id]: false,
      [rows.draft.id]: false,
      [rows.paidStillFlagged.id]: false,
      [rows.voidedStillFlagged.id]: false,
      [rows.dueMovedFlagged.id]: false,
    });

    const timeline = await database.db.select().from(timelineEvents).where(inArray(timelineEvents.invoiceId, ids));
    expect(timeline.map((event) => event.summary).sort()).toEqual(
      [
        `Invoice #${rows.overdue.number} — Flag Past Due: Issued`,
        `Invoice #${rows.overduePartial.number} — Flag Past Due: Partially Paid`,
        `Invoice #${rows.paidStillFlagged.number} — Clear Past Due: Paid`,
        `Invoice #${rows.voidedStillFlagged.number} — Clear Past Due: Voided`,
        `Invoice #${rows.dueMovedFlagged.number} — Clear Past Due: Issued`,
      ].sort(),
    );
    expect(timeline.every((event) => event.actorKind === "system")).toBe(true);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "invoice"), inArray(auditLog.entityId, ids)));
    expect(audit).toHaveLength(5);
    expect(audit.find((row) => row.entityId === rows.overdue.id)).toMatchObject({
      action: "invoice.flag_past_due",
      before: { status: "issued", pastDue: false },
      after: { status: "issued", pastDue: true },
    });

    expect(await flagPastDueInvoices(database.db, NOW)).toEqual({ flagged: 0, cleared: 0 });
    expect(await database.db.select().from(timelineEvents).where(inArray(timelineEvents.invoiceId, ids))).toHaveLength(
      5,
    );

    // A day later in New York, the invoice due on the 21st is past due too.
    await flagPastDueInvoices(database.db, new Date("2026-11-22T06:00:00Z"));
    expect((await flags([rows.dueTodayLocal.id]))[rows.dueTodayLocal.id]).toBe(true);
  });

  test("uses each clinic's own time zone", async () => {
    const tokyo = await createTestClinic(database.db, "Tokyo Clinic");
    await database.db.update(clinics).set({ timeZone: "Asia/Tokyo" }).where(eq(clinics.id, tokyo.clinicId));
    const patient = await createTestPatient(database.db, tokyo.clinicId);
    // 2026-11-22 02:00 UTC is already 11:00 on the 22nd in Tokyo.
    const invoice = await createTestInvoice(database.db, tokyo, { patientId: patient.id, dueDate: "2026-11-21" });
    await flagPastDueInvoices(database.db, NOW);
    expect((await flags([invoice.id]))[invoice.id]).toBe(true);
  });

  test("the Inngest function runs the same statement (via @inngest/test) and is scheduled", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId);
    const invoice = await createTestInvoice(database.db, clinic, { patientId: patient.id, dueDate: "2020-01-01" });
    const t = new InngestTestEngine({ function: flagPastDue });
    const { result } = await t.execute();
    expect(result).toMatchObject({ flagged: expect.any(Number), cleared: expect.any(Number) });
    expect((result as { flagged: number }).flagged).toBeGreaterThanOrEqual(1);
    expect((await flags([invoice.id]))[invoice.id]).toBe(true);
    expect(await runFlagPastDue()).toEqual({ flagged: 0, cleared: 0 });
    expect(JSON.stringify(flagPastDue.opts.triggers)).toContain("cron");
  });
});
