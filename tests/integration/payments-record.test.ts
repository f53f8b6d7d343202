import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, invoices, payments, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { recordPatientPayment } from "@/lib/payments/record-patient-payment";
import { recordInvoicePayment } from "@/lib/payments/record-payment";
import { transitionInvoice } from "@/lib/state-machine/transition-invoice";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let otherClinic: TestClinic;
let actor: Actor;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  otherClinic = await createTestClinic(database.db, "Other Clinic");
  actor = { kind: "user", userId: clinic.users.biller.id, ip: "203.0.113.7" };
});

const receivedAt = new Date("2026-11-20T16:00:00Z");

/** A patient with an open set holding the given invoices (balances in cents), oldest first. */
async function patientWithSet(balances: number[]) {
  const patient = await createTestPatient(database.db, clinic.clinicId);
  const set = await createTestInvoiceSet(database.db, clinic, {
    patientId: patient.id,
    amountOutstandingCents: balances.reduce((a, b) => a + b, 0),
  });
  const list = [];
  for (const [i, totalCents] of balances.entries()) {
    list.push(
      await createTestInvoice(database.db, clinic, {
        patientId: patient.id,
        invoiceSetId: set.id,
        totalCents,
        issuedAt: new Date(Date.UTC(2026, 9, 1 + i)),
      }),
    );
  }
  return { patient, set, invoices: list };
}

const readInvoice = async (id: string) => (await database.db.select().from(invoices).where(eq(invoices.id, id)))[0];
const readSet = async (id: string) => (await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id)))[0];
const paymentsOf = (invoiceId: string) => database.db.select().from(payments).where(eq(payments.invoiceId, invoiceId));

function payInvoice(
  invoiceId: string,
  amountCents: number,
  method: "card" | "cash" | "check" | "ach" = "cash",
  clinicId = clinic.clinicId,
) {
  return database.db.transaction((tx) =>
    recordInvoicePayment(tx, { clinicId, invoiceId, amountCents, method, reference: null, receivedAt, actor }),
  );
}

describe("recordInvoicePayment (one invoice)", () => {
  test("a partial payment → Partially Paid, the rest → Paid; the set follows and closes as Paid", async () => {
    const {
      set,
      invoices: [invoice],
    } = await patientWithSet([12500]);
    if (!invoice) throw new Error("no invoice");

    const first = await payInvoice(invoice.id, 5000, "cash");
    expect(first.invoice).toMatchObject({ status: "partially_paid", paidCents: 5000, balanceCents: 7500 });
    expect(first.invoiceSet).toMatchObject({ amountOutstandingCents: 7500, status: "active", closedBy: null });

    const second = await payInvoice(invoice.id, 7500, "card");
    expect(second.invoice).toMatchObject({ status: "paid", paidCents: 12500, balanceCents: 0 });
    expect(second.invoiceSet).toMatchObject({ amountOutstandingCents: 0, status: "paid", closedBy: "balance_cleared" });

    expect(await readSet(set.id)).toMatchObject({ status: "paid", amountOutstandingCents: 0 });
    const rows = await paymentsOf(invoice.id);
    expect(rows.map((row) => [row.method, row.amountCents]).sort()).toEqual([
      ["card", 7500],
      ["cash", 5000],
    ]);
    expect(rows.every((row) => row.recordedByUserId === clinic.users.biller.id)).toBe(true);

    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "invoice"), eq(auditLog.entityId, invoice.id)));
    expect(audit.map((row) => row.action)).toEqual(["invoice.record_payment", "invoice.record_payment"]);
    const timeline = await database.db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, set.id));
    expect(timeline.map((event) => event.summary)).toEqual(
      expect.arrayContaining([
        `Invoice #${invoice.number} — $50.00 Cash payment: Partially Paid`,
        `Invoice #${invoice.number} — $75.00 Card payment: Paid`,
        "Balance paid: Paid (was Active)",
      ]),
    );
  });

  test.each([
    { amount: 0, message: "The payment amount must be more than $0.00." },
    { amount: -100, message: "The payment amount must be more than $0.00." },
    { amount: 10001, message: "The payment is more than the balance of $100.00." },
  ])("a payment of $amount cents is refused and changes nothing", async ({ amount, message }) => {
    const {
      set,
      invoices: [invoice],
    } = await patientWithSet([10000]);
    if (!invoice) throw new Error("no invoice");
    await expect(payInvoice(invoice.id, amount)).rejects.toThrow(message);
    expect(await readInvoice(invoice.id)).toMatchObject({ status: "issued", paidCents: 0 });
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
    expect(await readSet(set.id)).toMatchObject({ amountOutstandingCents: 10000, status: "active" });
  });

  test.each([
    {
      status: "draft" as const,
      message: "Record Payment isn't possible: this invoice is still a draft. Issue it first.",
    },
    { status: "voided" as const, message: "Record Payment isn't possible: this invoice was voided and is closed." },
    { status: "paid" as const, message: "Record Payment isn't possible: this invoice is paid in full and closed." },
  ])("a payment on a $status invoice is refused", async ({ status, message }) => {
    const patient = await createTestPatient(database.db, clinic.clinicId);
    const invoice = await createTestInvoice(database.db, clinic, {
      patientId: patient.id,
      status,
      paidCents: status === "paid" ? 10000 : 0,
    });
    await expect(payInvoice(invoice.id, 100)).rejects.toThrow(message);
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
  });

  test("another clinic's invoice is not found, whatever id is sent", async () => {
    const patient = await createTestPatient(database.db, otherClinic.clinicId);
    const foreign = await createTestInvoice(database.db, otherClinic, { patientId: patient.id });
    await expect(payInvoice(foreign.id, 100)).rejects.toMatchObject({ code: "not_found" });
    expect(await readInvoice(foreign.id)).toMatchObject({ status: "issued", paidCents: 0 });
  });

  test("a payment racing a void on the same invoice: exactly one wins, the balance is never negative", async () => {
    for (let round = 0; round < 3; round += 1) {
      const {
        invoices: [invoice],
      } = await patientWithSet([8000]);
      if (!invoice) throw new Error("no invoice");
      const settle = <T>(promise: Promise<T>) =>
        promise.then(
          () => "ok" as const,
          (error: unknown) => error,
        );
      const [paid, voided] = await Promise.all([
        settle(payInvoice(invoice.id, 3000)),
        settle(
          database.db.transaction((tx) =>
            transitionInvoice(tx, {
              clinicId: clinic.clinicId,
              invoiceId: invoice.id,
              action: "void",
              actor,
              changes: () => ({ voidReason: "Race" }),
            }),
          ),
        ),
      ]);
      const outcomes = [paid, voided];
      expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(1);
      const loser = outcomes.find((outcome) => outcome !== "ok");
      expect(loser).toBeInstanceOf(AppError);
      const row = await readInvoice(invoice.id);
      expect(row?.balanceCents).toBeGreaterThanOrEqual(0);
      if (paid === "ok") {
        expect(row).toMatchObject({ status: "partially_paid", paidCents: 3000 });
        expect((loser as AppError).message).toMatch(/Refund or reverse them before voiding|changed a moment ago/);
      } else {
        expect(row).toMatchObject({ status: "voided", paidCents: 0 });
        expect(await paymentsOf(invoice.id)).toHaveLength(0);
      }
    }
  });

  test("two payments racing for the last of a balance: one applies, the other is refused", async () => {
    const {
      invoices: [invoice],
    } = await patientWithSet([10000]);
    if (!invoice) throw new Error("no invoice");
    const results = await Promise.allSettled([payInvoice(invoice.id, 6000), payInvoice(invoice.id, 6000)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await readInvoice(invoice.id)).toMatchObject({
      status: "partially_paid",
      paidCents: 6000,
      balanceCents: 4000,
    });
  });
});

test("payments on two invoices of one set at once: the set's amount outstanding loses neither", async () => {
  for (let round = 0; round < 3; round += 1) {
    const {
      set,
      invoices: [a, b],
    } = await patientWithSet([5000, 7000]);
    if (!a || !b) throw new Error("no invoices");
    await Promise.all([payInvoice(a.id, 1000), payInvoice(b.id, 2000)]);
    expect(await readSet(set.id)).toMatchObject({ amountOutstandingCents: 9000 });
  }
});

describe("recordPatientPayment (allocated oldest-first)", () => {
  test("spreads one payment over the oldest invoices first and closes the set when it reaches 0", async () => {
    const {
      patient,
      set,
      invoices: [older, newer],
    } = await patientWithSet([3000, 5000]);
    if (!older || !newer) throw new Error("no invoices");

    const partial = await database.db.transaction((tx) =>
      recordPatientPayment(tx, {
        clinicId: clinic.clinicId,
        patientId: patient.id,
        amountCents: 4000,
        method: "check",
        reference: "1042",
        receivedAt,
        actor,
      }),
    );
    expect(partial.allocations).toEqual([
      { invoiceId: older.id, invoiceNumber: older.number, amountCents: 3000 },
      { invoiceId: newer.id, invoiceNumber: newer.number, amountCents: 1000 },
    ]);
    expect(partial.paidInvoiceSetIds).toEqual([]);
    expect(await readInvoice(older.id)).toMatchObject({ status: "paid" });
    expect(await readInvoice(newer.id)).toMatchObject({ status: "partially_paid", paidCents: 1000 });
    expect(await readSet(set.id)).toMatchObject({ status: "active", amountOutstandingCents: 4000 });
    const parts = await database.db.select().from(payments).where(eq(payments.receiptId, partial.receiptId));
    expect(parts.map((p) => p.amountCents).sort()).toEqual([1000, 3000]);

    const rest = await database.db.transaction((tx) =>
      recordPatientPayment(tx, {
        clinicId: clinic.clinicId,
        patientId: patient.id,
        amountCents: 4000,
        method: "ach",
        reference: null,
        receivedAt,
        actor,
      }),
    );
    expect(rest.paidInvoiceSetIds).toEqual([set.id]);
    expect(await readSet(set.id)).toMatchObject({ status: "paid", amountOutstandingCents: 0 });
  });

  test("more than the patient owes is refused with the balance and changes nothing", async () => {
    const {
      patient,
      set,
      invoices: [invoice],
    } = await patientWithSet([2500, 2500]);
    if (!invoice) throw new Error("no invoice");
    const attempt = database.db.transaction((tx) =>
      recordPatientPayment(tx, {
        clinicId: clinic.clinicId,
        patientId: patient.id,
        amountCents: 5001,
        method: "cash",
        reference: null,
        receivedAt,
        actor,
      }),
    );
    await expect(attempt).rejects.toThrow(
      "The payment of $50.01 is more than the patient's balance of $50.00. Nothing was recorded.",
    );
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
    expect(await readSet(set.id)).toMatchObject({ status: "active", amountOutstandingCents: 5000 });
  });

  test("a replayed provider payment (same externalId) is a no-op", async () => {
    const { patient, set } = await patientWithSet([6000]);
    const pay = () =>
      database.db.transaction((tx) =>
        recordPatientPayment(tx, {
          clinicId: clinic.clinicId,
          patientId: patient.id,
          amountCents: 2000,
          method: "card",
          reference: "Online",
          receivedAt,
          actor: { kind: "patient" },
          externalId: `cs_test_${patient.id}`,
        }),
      );
    const first = await pay();
    const again = await pay();
    expect(again).toMatchObject({ replayed: true, receiptId: first.receiptId, allocations: [] });
    const [both] = await Promise.all([pay(), pay()]);
    expect(both.replayed).toBe(true);
    expect(await readSet(set.id)).toMatchObject({ amountOutstandingCents: 4000 });
    const rows = await database.db
      .select()
      .from(payments)
      .where(eq(payments.externalId, `cs_test_${patient.id}`));
    expect(rows).toHaveLength(1);
  });

  test("another clinic's patient is refused, and a patient with nothing owed is told so", async () => {
    const foreign = await createTestPatient(database.db, otherClinic.clinicId);
    const pay = (patientId: string) =>
      database.db.transaction((tx) =>
        recordPatientPayment(tx, {
          clinicId: clinic.clinicId,
          patientId,
          amountCents: 100,
          method: "cash",
          reference: null,
          receivedAt,
          actor,
        }),
      );
    await expect(pay(foreign.id)).rejects.toMatchObject({ code: "not_found" });
    const settled = await createTestPatient(database.db, clinic.clinicId);
    await expect(pay(settled.id)).rejects.toThrow("This patient has no outstanding balance to pay.");
  });
});
