import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, invoices, patients, ruleSets, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { bulkInvoiceSetAction } from "@/lib/invoice-sets/bulk-invoice-set-action";
import { addTally, type BulkTally, describeBulkResult } from "@/lib/invoice-sets/describe-bulk-result";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let otherClinic: TestClinic;
let actor: Actor;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  otherClinic = await createTestClinic(database.db, "Other Clinic");
  actor = { kind: "user", userId: clinic.users.admin.id, ip: "198.51.100.8" };
});

async function makeSets(statuses: InvoiceSetStatus[], target = clinic) {
  const sets = [];
  for (const status of statuses) sets.push(await createTestInvoiceSet(database.db, target, { status }));
  return sets;
}

async function statuses(ids: string[]) {
  const rows = await database.db
    .select({ id: invoiceSets.id, status: invoiceSets.status })
    .from(invoiceSets)
    .where(inArray(invoiceSets.id, ids));
  return new Map(rows.map((row) => [row.id, row.status]));
}

const bulk = (ids: string[], action: Parameters<typeof bulkInvoiceSetAction>[2]["action"], ruleSetId?: string) =>
  bulkInvoiceSetAction(
    database.db,
    { clinicId: clinic.clinicId, clinicTimeZone: clinic.timeZone, actor },
    { action, ruleSetId, selection: { kind: "ids", ids } },
  );

describe("bulk actions", () => {
  test("Pause over a mixed selection changes the allowed sets and reports the skipped ones by reason", async () => {
    const sets = await makeSets([
      "active",
      "active",
      "will_fail",
      "failed",
      "paid",
      "paid",
      "cancelled",
      "paused",
      "expired",
    ]);
    const [foreign] = await makeSets(["active"], otherClinic);
    const ids = [...sets.map((s) => s.id), foreign?.id ?? ""];
    const result = await bulk(ids, "pause");
    expect(result.changed).toBe(4);
    expect(result.skipped).toEqual({
      "already paid": 2,
      cancelled: 1,
      "already paused": 1,
      expired: 1,
      "not found": 1,
    });
    expect(describeBulkResult("pause", result)).toBe(
      "4 paused, 6 skipped: 2 already paid, 1 already paused, 1 cancelled, 1 expired, 1 not found",
    );

    const after = await statuses(ids);
    expect(sets.map((s) => after.get(s.id))).toEqual([
      "paused",
      "paused",
      "paused",
      "paused",
      "paid",
      "paid",
      "cancelled",
      "paused",
      "expired",
    ]);
    expect(after.get(foreign?.id ?? "")).toBe("active");

    const changedIds = sets.slice(0, 4).map((s) => s.id);
    const timeline = await database.db.select().from(timelineEvents).where(inArray(timelineEvents.invoiceSetId, ids));
    expect(timeline.map((e) => e.invoiceSetId).sort()).toEqual([...changedIds].sort());
    expect(timeline.every((e) => e.actorUserId === clinic.users.admin.id && e.kind === "status_change")).toBe(true);
    expect(timeline.find((e) => e.invoiceSetId === sets[2]?.id)?.summary).toBe("Pause: Paused (was Will Fail)");
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "invoice_set.pause"), inArray(auditLog.entityId, ids)));
    expect(audit).toHaveLength(4);
    expect(audit[0]).toMatchObject({ ip: "198.51.100.8", entityType: "invoice_set" });
  });

  test("Pause with a reason writes one timeline line and one audit row per changed set, none for a skipped one", async () => {
    const [active, willFail, paid] = await makeSets(["active", "will_fail", "paid"]);
    if (!active || !willFail || !paid) throw new Error("sets missing");
    // Times keep microseconds in the database; the audit holds them as JavaScript writes them.
    await database.db
      .update(invoiceSets)
      .set({ nextSendAt: sql`'2026-12-01 15:00:00.123456+00'::timestamptz`, statusReason: null })
      .where(eq(invoiceSets.id, active.id));
    await database.db
      .update(invoiceSets)
      .set({ nextSendAt: null, statusReason: "No phone number on file" })
      .where(eq(invoiceSets.id, willFail.id));
    const ids = [active.id, willFail.id, paid.id];
    const result = await bulkInvoiceSetAction(
      database.db,
      { clinicId: clinic.clinicId, clinicTimeZone: clinic.timeZone, actor },
      { action: "pause", pause: { reason: "Dispute" }, selection: { kind: "ids", ids } },
    );
    expect(result).toMatchObject({ changed: 2, skipped: { "already paid": 1 } });

    const timeline = await database.db.select().from(timelineEvents).where(inArray(timelineEvents.invoiceSetId, ids));
    expect(
      timeline
        .map(({ invoiceSetId, kind, actorKind, actorUserId, summary, details }) => ({
          invoiceSetId,
          kind,
          actorKind,
          actorUserId,
          summary,
          details,
        }))
        .sort((a, b) => (a.summary < b.summary ? -1 : 1)),
    ).toEqual([
      {
        invoiceSetId: active.id,
        kind: "status_change",
        actorKind: "user",
        actorUserId: clinic.users.admin.id,
        summary: "Pause: Paused (was Active) — Dispute",
        details: { action: "pause", from: "active", to: "paused" },
      },
      {
        invoiceSetId: willFail.id,
        kind: "status_change",
        actorKind: "user",
        actorUserId: clinic.users.admin.id,
        summary: "Pause: Paused (was Will Fail) — Dispute",
        details: { action: "pause", from: "will_fail", to: "paused" },
      },
    ]);
    const audit = await database.db.select().from(auditLog).where(inArray(auditLog.entityId, ids));
    const auditOf = (id: string) => audit.find((row) => row.entityId === id);
    expect(audit).toHaveLength(2);
    expect(auditOf(active.id)).toMatchObject({
      clinicId: clinic.clinicId,
      actorKind: "user",
      userId: clinic.users.admin.id,
      action: "invoice_set.pause",
      entityType: "invoice_set",
      ip: "198.51.100.8",
      before: { status: "active", nextSendAt: "2026-12-01T15:00:00.123Z", resumeAt: null, statusReason: null },
      after: { status: "paused", nextSendAt: null, resumeAt: null, statusReason: "Dispute" },
    });
    expect(auditOf(willFail.id)).toMatchObject({
      before: { status: "will_fail", nextSendAt: null, resumeAt: null, statusReason: "No phone number on file" },
      after: { status: "paused", nextSendAt: null, resumeAt: null, statusReason: "Dispute" },
    });
    // The event time of both rows is the set's new updated_at: one moment for the whole change.
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, active.id));
    expect(row).toMatchObject({ status: "paused", statusReason: "Dispute", nextSendAt: null });
    expect(timeline.find((e) => e.invoiceSetId === active.id)?.occurredAt).toEqual(row?.updatedAt);
    expect(auditOf(active.id)?.createdAt).toEqual(row?.updatedAt);
  });

  test("Write Off in bulk marks each changed set's open invoices Bad Debt in the same transaction", async () => {
    const [open, closed] = await makeSets(["failed", "cancelled"]);
    const ids = [open?.id ?? "", closed?.id ?? ""];
    for (const [i, set] of [open, closed].entries()) {
      await database.db.insert(invoices).values({
        clinicId: clinic.clinicId,
        number: 93000 + i,
        patientId: set?.patientId,
        invoiceSetId: set?.id,
        status: "issued",
        totalCents: 4000,
      });
    }
    const result = await bulk(ids, "write_off");
    expect(describeBulkResult("write_off", result)).toBe("1 written off, 1 skipped: 1 cancelled");
    const rows = await database.db.select().from(invoices).where(inArray(invoices.invoiceSetId, ids));
    expect(rows.find((r) => r.invoiceSetId === open?.id)?.badDebt).toBe(true);
    expect(rows.find((r) => r.invoiceSetId === closed?.id)?.badDebt).toBe(false);
    expect(
      (
        await database.db
          .select()
          .from(invoiceSets)
          .where(eq(invoiceSets.id, open?.id ?? ""))
      )[0]?.amountOutstandingCents,
    ).toBe(0);
  });

  test("Change Rule Set in bulk skips sets already on it; Resume predicts per set", async () => {
    const [gentle] = await database.db
      .insert(ruleSets)
      .values({ clinicId: clinic.clinicId, title: "Gentle", expiryDays: 60 })
      .returning();
    const [expired, already] = await makeSets(["expired", "paused"]);
    await database.db
      .update(invoiceSets)
      .set({ ruleSetId: gentle?.id })
      .where(eq(invoiceSets.id, already?.id ?? ""));
    const change = await bulk([expired?.id ?? "", already?.id ?? ""], "change_rule_set", gentle?.id);
    expect(change).toMatchObject({ changed: 1, skipped: { "already on that rule set": 1 } });
    const [row] = await database.db
      .select()
      .from(invoiceSets)
      .where(eq(invoiceSets.id, expired?.id ?? ""));
    expect(row).toMatchObject({ status: "active", ruleSetId: gentle?.id, sequenceStep: 0, sequenceCycle: 1 });

    const unreachable = await createTestPatient(database.db, clinic.clinicId, { phone: "+1555123", email: null });
    const badSet = await createTestInvoiceSet(database.db, clinic, { patientId: unreachable.id, status: "paused" });
    const resume = await bulk([badSet.id, already?.id ?? ""], "resume");
    expect(resume.changed).toBe(2);
    const after = await statuses([badSet.id, already?.id ?? ""]);
    expect(after.get(badSet.id)).toBe("will_fail");
    expect(after.get(already?.id ?? "")).toBe("active");
  });

  test("Select all matching the filters walks every match in chunks of 1,000", async () => {
    const bulkClinic = await createTestClinic(database.db, "Bulk Clinic");
    const patientRows = await database.db
      .insert(patients)
      .values(
        Array.from({ length: 1030 }, (_, i) => ({
          clinicId: bulkClinic.clinicId,
          externalId: `B-${i}`,
          firstName: "Bulk",
          lastName: `P${i}`,
          dateOfBirth: "1990-01-01",
        })),
      )
      .returning({ id: patients.id });
    await database.db.insert(invoiceSets).values(
      patientRows.map((p, i) => ({
        clinicId: bulkClinic.clinicId,
        patientId: p.id,
        ruleSetId: bulkClinic.ruleSetId,
        status: (i % 10 === 0 ? "paid" : "active") as InvoiceSetStatus,
      })),
    );
    const staff = {
      clinicId: bulkClinic.clinicId,
      clinicTimeZone: bulkClinic.timeZone,
      actor: { kind: "user" as const, userId: bulkClinic.users.biller.id },
    };
    let tally: BulkTally = { changed: 0, skipped: {} };
    let afterId: string | null = null;
    let chunks = 0;
    do {
      const part = await bulkInvoiceSetAction(database.db, staff, {
        action: "pause",
        selection: { kind: "filter", filters: { q: "bulk" }, afterId },
      });
      tally = addTally(tally, part);
      afterId = part.nextAfterId;
      chunks += 1;
    } while (afterId);
    expect(chunks).toBe(2);
    expect(describeBulkResult("pause", tally)).toBe("927 paused, 103 skipped: 103 already paid");
  });

  test("a bulk Pause racing a payment on the same set never leaves a paid set paused", async () => {
    for (let round = 0; round < 8; round += 1) {
      const [set, bystander] = await makeSets(["active", "active"]);
      const ids = [set?.id ?? "", bystander?.id ?? ""];
      const payment = database.db.transaction((tx) =>
        transitionInvoiceSet(tx, {
          clinicId: clinic.clinicId,
          invoiceSetId: ids[0] ?? "",
          action: "balance_cleared",
          actor: { kind: "system" },
          changes: { amountOutstandingCents: 0 },
        }),
      );
      const [pause, paid] = await Promise.all([bulk(ids, "pause"), payment]);
      expect(paid.to).toBe("paid");
      const after = await statuses(ids);
      expect(after.get(ids[0] ?? "")).toBe("paid");
      expect(after.get(ids[1] ?? "")).toBe("paused");
      // Either the pause came first (2 paused, then paid from paused) or the payment did (1 skipped).
      expect([
        JSON.stringify({ changed: 2, skipped: {} }),
        JSON.stringify({ changed: 1, skipped: { "already paid": 1 } }),
      ]).toContain(JSON.stringify({ changed: pause.changed, skipped: pause.skipped }));
    }
  });
});
