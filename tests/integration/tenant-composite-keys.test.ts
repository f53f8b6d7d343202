import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import {
  apiKeys,
  auditLog,
  cardCharges,
  invoiceCharges,
  invoiceSets,
  invoices,
  messages,
  patientLinks,
  paymentCards,
  paymentPlanInstallments,
  paymentPlans,
  payments,
  rules,
  timelineEvents,
} from "@/db/schema";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let ours: TestClinic;
/** Rows of another clinic that our clinic's rows try to point at. */
let theirs: {
  patientId: string;
  setId: string;
  invoiceId: string;
  ruleSetId: string;
  ruleId: string;
  clinicianId: string;
  planId: string;
  installmentId: string;
  apiKeyId: string;
};
let ourSetId: string;
let ourInvoiceId: string;

async function createPlan(db: Database["db"], clinicId: string, invoiceSetId: string) {
  const [plan] = await db
    .insert(paymentPlans)
    .values({
      clinicId,
      invoiceSetId,
      frequency: "monthly",
      totalCents: 10000,
      startBalanceCents: 12500,
      createdByKind: "system",
    })
    .returning({ id: paymentPlans.id });
  const [installment] = await db
    .insert(paymentPlanInstallments)
    .values({ clinicId, planId: plan?.id ?? "", seq: 1, dueOn: "2026-12-01", amountCents: 10000 })
    .returning({ id: paymentPlanInstallments.id });
  return { planId: plan?.id ?? "", installmentId: installment?.id ?? "" };
}

beforeAll(async () => {
  database = await testDatabase();
  const { db } = database;
  ours = await createTestClinic(db, "Our Clinic");
  const other = await createTestClinic(db, "Other Clinic");
  const theirSet = await createTestInvoiceSet(db, other);
  const [theirInvoice] = await db
    .insert(invoices)
    .values({ clinicId: other.clinicId, number: 1, patientId: theirSet.patientId, invoiceSetId: theirSet.id })
    .returning({ id: invoices.id });
  const [theirKey] = await db
    .insert(apiKeys)
    .values({ clinicId: other.clinicId, name: "PMS", scope: "read_only", prefix: "ck_x", keyHash: randomUUID() })
    .returning({ id: apiKeys.id });
  theirs = {
    patientId: theirSet.patientId,
    setId: theirSet.id,
    invoiceId: theirInvoice?.id ?? "",
    ruleSetId: other.ruleSetId,
    ruleId: other.ruleIds[0] ?? "",
    clinicianId: other.clinicianId,
    apiKeyId: theirKey?.id ?? "",
    ...(await createPlan(db, other.clinicId, theirSet.id)),
  };
  ourSetId = (await createTestInvoiceSet(db, ours)).id;
  const [ourInvoice] = await db
    .insert(invoices)
    .values({ clinicId: ours.clinicId, number: 1, invoiceSetId: ourSetId })
    .returning({ id: invoices.id });
  ourInvoiceId = ourInvoice?.id ?? "";
});

/** The database refuses the statement as a foreign-key violation (23503). */
async function expectForeignKeyRefusal(statement: Promise<unknown>) {
  const error = await statement.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, "the statement should have been refused").not.toBeNull();
  const cause = (error as { cause?: { code?: string } }).cause;
  expect(cause?.code ?? (error as { code?: string }).code).toBe("23503");
}

describe("composite tenant keys: no row can point at another clinic's row", () => {
  test("every foreign key between two tenant tables includes clinic_id", async () => {
    const keys = await executeRows<{ name: string; columns: string[] }>(
      database.db,
      `SELECT c.conname AS name,
          array(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) AS columns
        FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'clinic_id')
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attname = 'clinic_id')
        ORDER BY 1`,
    );
    expect(keys.length).toBeGreaterThanOrEqual(18);
    expect(keys.filter((key) => !key.columns.includes("clinic_id")).map((key) => key.name)).toEqual([]);
  });

  test("inserts and updates naming another clinic's patient, set, invoice, rule set, rule, clinician, plan, installment or API key are refused", async () => {
    const { db } = database;
    const clinicId = ours.clinicId;
    const refusals: Record<string, Promise<unknown>> = {
      "invoice set → patient": db
        .insert(invoiceSets)
        .values({ clinicId, patientId: theirs.patientId, status: "paid", ruleSetId: ours.ruleSetId }),
      "invoice set → rule set": db.insert(invoiceSets).values({
        clinicId,
        patientId: (await createTestPatient(db, clinicId)).id,
        status: "paid",
        ruleSetId: theirs.ruleSetId,
      }),
      "invoice set → payment plan": db
        .update(invoiceSets)
        .set({ paymentPlanId: theirs.planId })
        .where(eq(invoiceSets.id, ourSetId)),
      "invoice → patient": db.insert(invoices).values({ clinicId, number: 2, patientId: theirs.patientId }),
      "invoice → clinician": db.insert(invoices).values({ clinicId, number: 3, clinicianId: theirs.clinicianId }),
      "invoice → set": db.insert(invoices).values({ clinicId, number: 4, invoiceSetId: theirs.setId }),
      "charge → invoice": db.insert(invoiceCharges).values({
        clinicId,
        invoiceId: theirs.invoiceId,
        code: "D0120",
        description: "Exam",
        quantity: 1,
        unitPriceCents: 1,
      }),
      "payment → invoice": db
        .insert(payments)
        .values({ clinicId, invoiceId: theirs.invoiceId, method: "cash", amountCents: 1, receivedAt: new Date() }),
      "message → set": db.insert(messages).values({
        clinicId,
        invoiceSetId: theirs.setId,
        stepIndex: 0,
        channel: "sms",
        transport: "outbox",
        destination: "+12025550143",
        body: "Hi",
      }),
      "message → rule": db.insert(messages).values({
        clinicId,
        invoiceSetId: ourSetId,
        ruleId: theirs.ruleId,
        stepIndex: 0,
        channel: "sms",
        transport: "outbox",
        destination: "+12025550143",
        body: "Hi",
      }),
      "patient link → set": db
        .insert(patientLinks)
        .values({ clinicId, invoiceSetId: theirs.setId, tokenHash: randomUUID(), expiresAt: new Date() }),
      "timeline event → set": db
        .insert(timelineEvents)
        .values({ clinicId, invoiceSetId: theirs.setId, kind: "note", actorKind: "system", summary: "Note" }),
      "rule → rule set": db.insert(rules).values({
        clinicId,
        ruleSetId: theirs.ruleSetId,
        delayDays: 30,
        channels: ["sms"],
        title: "Late",
        template: "Hi",
      }),
      "payment plan → set": db.insert(paymentPlans).values({
        clinicId,
        invoiceSetId: theirs.setId,
        status: "cancelled",
        frequency: "monthly",
        totalCents: 100,
        startBalanceCents: 100,
        createdByKind: "system",
      }),
      "installment → plan": db
        .insert(paymentPlanInstallments)
        .values({ clinicId, planId: theirs.planId, seq: 2, dueOn: "2027-01-01", amountCents: 100 }),
      "card charge → installment": db.insert(cardCharges).values({
        clinicId,
        invoiceSetId: ourSetId,
        installmentId: theirs.installmentId,
        attempt: 1,
        amountCents: 100,
        idempotencyKey: randomUUID(),
        attemptedAt: new Date(),
      }),
      "card charge → set": db.insert(cardCharges).values({
        clinicId,
        invoiceSetId: theirs.setId,
        ruleId: ours.ruleIds[0],
        sequenceCycle: 0,
        attempt: 1,
        amountCents: 100,
        idempotencyKey: randomUUID(),
        attemptedAt: new Date(),
      }),
      "card charge → rule": db.insert(cardCharges).values({
        clinicId,
        invoiceSetId: ourSetId,
        ruleId: theirs.ruleId,
        sequenceCycle: 0,
        attempt: 1,
        amountCents: 100,
        idempotencyKey: randomUUID(),
        attemptedAt: new Date(),
      }),
      "message → installment": db.insert(messages).values({
        clinicId,
        invoiceSetId: ourSetId,
        installmentId: theirs.installmentId,
        stepIndex: 0,
        channel: "sms",
        transport: "outbox",
        destination: "+12025550143",
        body: "Hi",
      }),
      "card → patient": db.insert(paymentCards).values({
        clinicId,
        patientId: theirs.patientId,
        stripeCustomerId: "cus_x",
        stripePaymentMethodId: "pm_x",
        brand: "visa",
        last4: "4242",
        expMonth: 4,
        expYear: 2030,
        consentText: "I agree",
        consentedAt: new Date(),
        setupSessionId: randomUUID(),
      }),
      "audit row → API key": db.insert(auditLog).values({
        clinicId,
        actorKind: "api_key",
        apiKeyId: theirs.apiKeyId,
        action: "patient.view",
        entityType: "patient",
      }),
    };
    for (const [name, statement] of Object.entries(refusals)) {
      await expectForeignKeyRefusal(statement).catch((error: unknown) => {
        throw new Error(`${name}: ${String(error)}`);
      });
    }
  });

  test("an update that moves a row onto another clinic's set is refused, and the row is unchanged", async () => {
    const { db } = database;
    await expectForeignKeyRefusal(
      db.update(invoices).set({ invoiceSetId: theirs.setId }).where(eq(invoices.id, ourInvoiceId)),
    );
    await expectForeignKeyRefusal(
      db.execute(sql`update invoices set invoice_set_id = ${theirs.setId} where id = ${ourInvoiceId}`),
    );
    const [invoice] = await db
      .select({ setId: invoices.invoiceSetId })
      .from(invoices)
      .where(eq(invoices.id, ourInvoiceId));
    expect(invoice?.setId).toBe(ourSetId);
  });

  test("rows of one clinic pointing at their own clinic's rows are accepted", async () => {
    const { db } = database;
    const { planId, installmentId } = await createPlan(db, ours.clinicId, ourSetId);
    expect(planId).not.toBe("");
    expect(installmentId).not.toBe("");
    const [message] = await db
      .insert(messages)
      .values({
        clinicId: ours.clinicId,
        invoiceSetId: ourSetId,
        ruleId: ours.ruleIds[0],
        stepIndex: 0,
        channel: "sms",
        transport: "outbox",
        destination: "+12025550143",
        body: "Hi",
      })
      .returning({ id: messages.id });
    expect(message?.id).toBeDefined();
  });
});
