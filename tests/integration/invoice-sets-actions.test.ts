import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, invoices, ruleSets, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { applyInvoiceSetAction } from "@/lib/invoice-sets/apply-invoice-set-action";
import { INVOICE_SET_TRANSITIONS, STAFF_INVOICE_SET_ACTIONS } from "@/lib/state-machine/invoice-set";
import { INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let otherClinic: TestClinic;
let gentleId: string;
let actor: Actor;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  otherClinic = await createTestClinic(database.db, "Other Clinic");
  const [gentle] = await database.db
    .insert(ruleSets)
    .values({ clinicId: clinic.clinicId, title: "Gentle", expiryDays: 60 })
    .returning({ id: ruleSets.id });
  gentleId = gentle?.id ?? "";
  actor = { kind: "user", userId: clinic.users.biller.id, ip: "198.51.100.7" };
});

async function statusOf(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  return row;
}

async function addInvoice(
  setId: string,
  patientId: string,
  status: "issued" | "partially_paid" | "paid" | "voided",
  number: number,
) {
  const paid = status === "paid" ? 5000 : status === "partially_paid" ? 1000 : 0;
  const [row] = await database.db
    .insert(invoices)
    .values({
      clinicId: clinic.clinicId,
      number,
      patientId,
      invoiceSetId: setId,
      status,
      totalCents: 5000,
      paidCents: paid,
    })
    .returning();
  return row;
}

const run = (invoiceSetId: string, action: (typeof STAFF_INVOICE_SET_ACTIONS)[number], clinicId = clinic.clinicId) =>
  applyInvoiceSetAction(
    database.db,
    { clinicId, actor },
    { invoiceSetId, action, ruleSetId: action === "change_rule_set" ? gentleId : undefined },
  );

describe("row actions from every status follow the state-machine table", () => {
  const cases = STAFF_INVOICE_SET_ACTIONS.flatMap((action) =>
    INVOICE_SET_STATUSES.map((status) => ({ action, status })),
  );
  test.each(cases)("$action from $status", async ({ action, status }) => {
    const set = await createTestInvoiceSet(database.db, clinic, {
      status,
      amountOutstandingCents: status === "paid" ? 0 : 9000,
    });
    const rule = INVOICE_SET_TRANSITIONS[action];
    if (rule.from.includes(status)) {
      const result = await run(set.id, action);
      const expected = rule.to(status, { nextSendPredictedToFail: false });
      expect(result.status).toBe(expected);
      expect((await statusOf(set.id))?.status).toBe(expected);
      const timeline = await database.db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, set.id));
      expect(timeline).toHaveLength(1);
      const audit = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, set.id), eq(auditLog.action, `invoice_set.${action}`)));
      expect(audit).toHaveLength(1);
      expect(audit[0]?.userId).toBe(clinic.users.biller.id);
    } else {
      await expect(run(set.id, action)).rejects.toMatchObject({
        code: "invalid_transition",
        message: expect.stringContaining("isn't possible"),
      });
      const after = await statusOf(set.id);
      expect(after?.status).toBe(status);
      expect(after?.ruleSetId).toBe(clinic.ruleSetId);
      expect(
        await database.db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, set.id)),
      ).toHaveLength(0);
    }
  });
});

describe("what each action does beyond the status", () => {
  test("Write Off marks the open invoices Bad Debt, leaves paid ones, and zeroes the amount to collect", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId);
    const set = await createTestInvoiceSet(database.db, clinic, {
      patientId: patient.id,
      status: "expired",
      amountOutstandingCents: 9000,
    });
    const open = await addInvoice(set.id, patient.id, "issued", 91001);
    const partly = await addInvoice(set.id, patient.id, "partially_paid", 91002);
    const paid = await addInvoice(set.id, patient.id, "paid", 91003);
    const result = await run(set.id, "write_off");
    expect(result.message).toMatch(/Written off/);
    const rows = await database.db.select().from(invoices).where(eq(invoices.invoiceSetId, set.id));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(open?.id ?? "")?.badDebt).toBe(true);
    expect(byId.get(partly?.id ?? "")?.badDebt).toBe(true);
    expect(byId.get(paid?.id ?? "")?.badDebt).toBe(false);
    expect((await statusOf(set.id))?.amountOutstandingCents).toBe(0);
    const invoiceAudit = await database.db.select().from(auditLog).where(eq(auditLog.action, "invoice.mark_bad_debt"));
    expect(invoiceAudit.filter((row) => row.entityId === open?.id || row.entityId === partly?.id)).toHaveLength(2);
  });

  test("Send to Collections marks the open invoices sent to collections", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId);
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id, status: "failed" });
    const open = await addInvoice(set.id, patient.id, "issued", 92001);
    const voided = await addInvoice(set.id, patient.id, "voided", 92002);
    await run(set.id, "send_to_collections");
    const rows = await database.db.select().from(invoices).where(eq(invoices.invoiceSetId, set.id));
    expect(rows.find((row) => row.id === open?.id)?.sentToCollections).toBe(true);
    expect(rows.find((row) => row.id === voided?.id)?.sentToCollections).toBe(false);
    expect((await statusOf(set.id))?.status).toBe("collections");
  });

  test("Change Rule Set on an expired set restarts the new rule set as Active", async () => {
    const set = await createTestInvoiceSet(database.db, clinic, {
      status: "expired",
      sequenceStep: 3,
      sequenceCycle: 0,
    });
    const result = await run(set.id, "change_rule_set");
    expect(result.message).toMatch(/^Rule set changed to “Gentle”; the set is Active\./);
    const row = await statusOf(set.id);
    expect(row).toMatchObject({ status: "active", ruleSetId: gentleId, sequenceStep: 0, sequenceCycle: 1 });
    const [event] = await database.db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, set.id));
    expect(event?.kind).toBe("rule_set_change");
  });

  test("Change Rule Set to the rule set it already uses, or an archived one, is refused", async () => {
    const set = await createTestInvoiceSet(database.db, clinic, { status: "active", ruleSetId: gentleId });
    await expect(run(set.id, "change_rule_set")).rejects.toThrow("already uses “Gentle”");
    const [archived] = await database.db
      .insert(ruleSets)
      .values({ clinicId: clinic.clinicId, title: "Old", expiryDays: 10, archivedAt: new Date() })
      .returning({ id: ruleSets.id });
    const other = await createTestInvoiceSet(database.db, clinic, { status: "active" });
    await expect(
      applyInvoiceSetAction(
        database.db,
        { clinicId: clinic.clinicId, actor },
        { invoiceSetId: other.id, action: "change_rule_set", ruleSetId: archived?.id },
      ),
    ).rejects.toThrow("That rule set isn't available");
    expect((await statusOf(other.id))?.ruleSetId).toBe(clinic.ruleSetId);
  });

  test("Resume asks whether the next send would fail: no usable contact → Will Fail with the reason", async () => {
    const unreachable = await createTestPatient(database.db, clinic.clinicId, { phone: null, email: null });
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: unreachable.id, status: "paused" });
    const result = await run(set.id, "resume");
    expect(result.status).toBe("will_fail");
    expect((await statusOf(set.id))?.statusReason).toBe("No phone number on file · No email address on file");

    const reachable = await createTestInvoiceSet(database.db, clinic, { status: "paused" });
    expect((await run(reachable.id, "resume")).status).toBe("active");
  });

  test("Pause clears the scheduled send; another clinic's set is never found or changed", async () => {
    const set = await createTestInvoiceSet(database.db, clinic, {
      status: "active",
      nextSendAt: new Date(Date.now() + 86_400_000),
    });
    await run(set.id, "pause");
    expect(await statusOf(set.id)).toMatchObject({ status: "paused", nextSendAt: null });

    const foreign = await createTestInvoiceSet(database.db, otherClinic, { status: "active" });
    await expect(run(foreign.id, "pause")).rejects.toMatchObject({ code: "not_found" });
    expect((await statusOf(foreign.id))?.status).toBe("active");
  });
});
