import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database, Tx } from "@/db/connect";
import { auditLog, invoiceCharges, invoiceSets, invoices, timelineEvents } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { createDraftInvoice } from "@/lib/invoices/create-draft-invoice";
import { deleteDraftInvoice } from "@/lib/invoices/delete-draft-invoice";
import { type DraftFormValues, draftInputSchema } from "@/lib/invoices/draft-input";
import { duplicateInvoice } from "@/lib/invoices/duplicate-invoice";
import { issueInvoice } from "@/lib/invoices/issue-invoice";
import { markInvoiceBadDebt } from "@/lib/invoices/mark-bad-debt";
import { updateDraftInvoice } from "@/lib/invoices/update-draft-invoice";
import { voidInvoice } from "@/lib/invoices/void-invoice";
import { recordInvoicePayment } from "@/lib/payments/record-payment";
import { createTestClinic, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let otherClinic: TestClinic;
let actor: Actor;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  otherClinic = await createTestClinic(database.db, "Other Clinic");
  actor = { kind: "user", userId: clinic.users.biller.id, ip: null };
});

const tx = <T>(fn: (t: Tx) => Promise<T>) => database.db.transaction(fn);

function draftOf(values: Partial<DraftFormValues> = {}) {
  return draftInputSchema.parse({
    clinicianId: clinic.clinicianId,
    serviceDate: "2026-11-02",
    charges: [
      { code: "D0150", description: "Comprehensive oral evaluation", quantity: 1, unitPrice: "95.00" },
      { code: "D1110", description: "Prophylaxis", quantity: 2, unitPrice: "62.50" },
    ],
    ...values,
  });
}

async function newDraft(values: Partial<DraftFormValues> = {}) {
  const patient = values.patientId === undefined ? await createTestPatient(database.db, clinic.clinicId) : null;
  return tx((t) =>
    createDraftInvoice(t, { clinicId: clinic.clinicId, actor, draft: draftOf({ patientId: patient?.id, ...values }) }),
  );
}

const read = async (id: string) => (await database.db.select().from(invoices).where(eq(invoices.id, id)))[0];
const readSet = async (id: string) => (await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id)))[0];
const auditOf = (id: string) =>
  database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.createdAt));
const issue = (invoiceId: string, clinicId = clinic.clinicId) =>
  tx((t) => issueInvoice(t, { clinicId, invoiceId, actor, now: new Date("2026-11-22T03:00:00Z") }));

describe("drafts", () => {
  test("create: numbered per clinic, charges in cents, total kept, audited", async () => {
    const a = await newDraft();
    const b = await newDraft();
    expect(b.number).toBe(a.number + 1);
    expect(a).toMatchObject({ status: "draft", totalCents: 9500 + 12500 });
    const charges = await database.db
      .select()
      .from(invoiceCharges)
      .where(eq(invoiceCharges.invoiceId, a.id))
      .orderBy(asc(invoiceCharges.position));
    expect(charges.map((c) => [c.code, c.quantity, c.unitPriceCents, c.amountCents])).toEqual([
      ["D0150", 1, 9500, 9500],
      ["D1110", 2, 6250, 12500],
    ]);
    expect((await auditOf(a.id)).map((row) => row.action)).toEqual(["invoice.create"]);
  });

  test("a draft needs a patient or a charge", () => {
    const result = draftInputSchema.safeParse({ charges: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Choose a patient or add a charge to save a draft.");
  });

  test("edit replaces charges and fields; only drafts", async () => {
    const draft = await newDraft();
    const edited = await tx((t) =>
      updateDraftInvoice(t, {
        clinicId: clinic.clinicId,
        invoiceId: draft.id,
        actor,
        draft: draftOf({
          patientId: draft.patientId,
          charges: [{ code: "X1", description: "X-ray", quantity: 3, unitPrice: "10.01" }],
        }),
      }),
    );
    expect(edited.totalCents).toBe(3003);
    expect(await database.db.select().from(invoiceCharges).where(eq(invoiceCharges.invoiceId, draft.id))).toHaveLength(
      1,
    );
    await issue(draft.id);
    await expect(
      tx((t) =>
        updateDraftInvoice(t, {
          clinicId: clinic.clinicId,
          invoiceId: draft.id,
          actor,
          draft: draftOf({ patientId: draft.patientId }),
        }),
      ),
    ).rejects.toThrow("Edit isn't possible while the invoice is Issued.");
  });

  test("delete: drafts only", async () => {
    const draft = await newDraft();
    await tx((t) => deleteDraftInvoice(t, { clinicId: clinic.clinicId, invoiceId: draft.id, actor }));
    expect(await read(draft.id)).toBeUndefined();
    expect((await auditOf(draft.id)).map((row) => row.action)).toEqual(["invoice.create", "invoice.delete"]);
    const issued = await newDraft();
    await issue(issued.id);
    await expect(
      tx((t) => deleteDraftInvoice(t, { clinicId: clinic.clinicId, invoiceId: issued.id, actor })),
    ).rejects.toThrow("Only draft invoices can be deleted; void an issued invoice instead.");
  });
});

describe("issue", () => {
  test("opens a new Active set on the default rule set, with a timeline event and an audit row", async () => {
    const draft = await newDraft();
    const result = await issue(draft.id);
    expect(result.openedInvoiceSet).toBe(true);
    expect(result.invoice).toMatchObject({ status: "issued", dueDate: "2026-12-21" }); // 30 days after 2026-11-21 in New York
    expect(result.invoice.issuedAt?.toISOString()).toBe("2026-11-22T03:00:00.000Z");
    const set = await readSet(result.invoiceSet.invoiceSetId);
    expect(set).toMatchObject({
      status: "active",
      ruleSetId: clinic.ruleSetId,
      amountOutstandingCents: 22000,
      patientId: draft.patientId,
    });
    const timeline = await database.db
      .select()
      .from(timelineEvents)
      .where(eq(timelineEvents.invoiceSetId, set?.id ?? ""));
    expect(timeline.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        "Invoice set opened on Standard",
        `Invoice #${draft.number} — Issue: Issued (was Draft)`,
      ]),
    );
    const setAudit = await auditOf(set?.id ?? "");
    expect(setAudit.map((row) => row.action)).toEqual(["invoice_set.open"]);
  });

  test("a second invoice joins the patient's open set and adds to its amount outstanding; a set due date is kept", async () => {
    const first = await newDraft();
    const { invoiceSet } = await issue(first.id);
    const second = await newDraft({ patientId: first.patientId, dueDate: "2027-01-15" });
    const result = await issue(second.id);
    expect(result.openedInvoiceSet).toBe(false);
    expect(result.invoice.dueDate).toBe("2027-01-15");
    expect(result.invoiceSet).toMatchObject({ invoiceSetId: invoiceSet.invoiceSetId, amountOutstandingCents: 44000 });
  });

  test("two invoices of one patient issued at once share one set", async () => {
    const first = await newDraft();
    const second = await newDraft({ patientId: first.patientId });
    const [a, b] = await Promise.all([issue(first.id), issue(second.id)]);
    expect(a.invoiceSet.invoiceSetId).toBe(b.invoiceSet.invoiceSetId);
    expect(await readSet(a.invoiceSet.invoiceSetId)).toMatchObject({ amountOutstandingCents: 44000 });
  });

  test.each([
    {
      name: "no charges",
      values: { charges: [] },
      message: "Issue isn't possible: add at least one charge to this invoice first.",
    },
    {
      name: "no patient",
      values: { patientId: null },
      message: "Issue isn't possible: choose a patient for this invoice first.",
    },
    {
      name: "a $0.00 total",
      values: { charges: [{ code: "N", description: "No charge", quantity: 1, unitPrice: "0" }] },
      message: "Issue isn't possible: the invoice total is $0.00, so there is nothing to collect.",
    },
  ])("refused with $name, and nothing changes", async ({ values, message }) => {
    const draft = await newDraft(values);
    await expect(issue(draft.id)).rejects.toThrow(message);
    expect(await read(draft.id)).toMatchObject({ status: "draft", issuedAt: null, invoiceSetId: null });
  });

  test("another clinic's draft is not found", async () => {
    const patient = await createTestPatient(database.db, otherClinic.clinicId);
    const draft = await tx((t) =>
      createDraftInvoice(t, {
        clinicId: otherClinic.clinicId,
        actor,
        draft: draftOf({ clinicianId: otherClinic.clinicianId, patientId: patient.id }),
      }),
    );
    await expect(issue(draft.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await read(draft.id)).toMatchObject({ status: "draft" });
  });

  test("a draft pointing at another clinic's patient or clinician is refused", async () => {
    const foreignPatient = await createTestPatient(database.db, otherClinic.clinicId);
    await expect(newDraft({ patientId: foreignPatient.id })).rejects.toThrow(
      "That patient was not found in this clinic.",
    );
    await expect(newDraft({ clinicianId: otherClinic.clinicianId })).rejects.toThrow(
      "That clinician was not found in this clinic.",
    );
  });
});

describe("void, duplicate, bad debt", () => {
  test("void needs a reason, refuses an invoice with payments, and cancels a set left with nothing", async () => {
    const draft = await newDraft();
    const { invoiceSet } = await issue(draft.id);
    await expect(
      tx((t) => voidInvoice(t, { clinicId: clinic.clinicId, invoiceId: draft.id, actor, reason: "  " })),
    ).rejects.toThrow("Enter a reason for voiding this invoice.");
    const voided = await tx((t) =>
      voidInvoice(t, { clinicId: clinic.clinicId, invoiceId: draft.id, actor, reason: "Billed to the wrong patient" }),
    );
    expect(voided.invoice).toMatchObject({ status: "voided", voidReason: "Billed to the wrong patient" });
    expect(voided.invoiceSet).toMatchObject({ amountOutstandingCents: 0, status: "cancelled", closedBy: "cancel" });
    expect(await readSet(invoiceSet.invoiceSetId)).toMatchObject({ status: "cancelled" });

    const paidPart = await newDraft();
    await issue(paidPart.id);
    await tx((t) =>
      recordInvoicePayment(t, {
        clinicId: clinic.clinicId,
        invoiceId: paidPart.id,
        amountCents: 1000,
        method: "cash",
        reference: null,
        receivedAt: new Date(),
        actor,
      }),
    );
    await expect(
      tx((t) => voidInvoice(t, { clinicId: clinic.clinicId, invoiceId: paidPart.id, actor, reason: "Oops" })),
    ).rejects.toThrow("This invoice has $10.00 in payments. Refund or reverse them before voiding.");
  });

  test("voiding one of two invoices lowers the set's amount outstanding", async () => {
    const first = await newDraft();
    const second = await newDraft({ patientId: first.patientId });
    await issue(first.id);
    const { invoiceSet } = await issue(second.id);
    const result = await tx((t) =>
      voidInvoice(t, { clinicId: clinic.clinicId, invoiceId: second.id, actor, reason: "Duplicate charge" }),
    );
    expect(result.invoiceSet).toMatchObject({
      invoiceSetId: invoiceSet.invoiceSetId,
      amountOutstandingCents: 22000,
      status: "active",
      closedBy: null,
    });
  });

  test("duplicate makes a new draft with the same charges from a voided invoice only", async () => {
    const draft = await newDraft();
    await issue(draft.id);
    await expect(
      tx((t) => duplicateInvoice(t, { clinicId: clinic.clinicId, invoiceId: draft.id, actor })),
    ).rejects.toThrow("Duplicate isn't possible while the invoice is Issued.");
    await tx((t) => voidInvoice(t, { clinicId: clinic.clinicId, invoiceId: draft.id, actor, reason: "Wrong date" }));
    const copy = await tx((t) => duplicateInvoice(t, { clinicId: clinic.clinicId, invoiceId: draft.id, actor }));
    expect(copy).toMatchObject({
      status: "draft",
      patientId: draft.patientId,
      totalCents: draft.totalCents,
      duplicatedFromId: draft.id,
    });
    expect(copy.number).toBeGreaterThan(draft.number);
    const charges = await database.db.select().from(invoiceCharges).where(eq(invoiceCharges.invoiceId, copy.id));
    expect(charges).toHaveLength(2);
    expect(await read(draft.id)).toMatchObject({ status: "voided" });
  });

  test("mark bad debt takes the invoice out of collection; a set of only bad debt is written off", async () => {
    const first = await newDraft();
    const second = await newDraft({ patientId: first.patientId });
    await issue(first.id);
    const { invoiceSet } = await issue(second.id);
    const one = await tx((t) => markInvoiceBadDebt(t, { clinicId: clinic.clinicId, invoiceId: first.id, actor }));
    expect(one.invoice).toMatchObject({ status: "issued", badDebt: true });
    expect(one.invoiceSet).toMatchObject({ amountOutstandingCents: 22000, status: "active" });
    await expect(
      tx((t) => markInvoiceBadDebt(t, { clinicId: clinic.clinicId, invoiceId: first.id, actor })),
    ).rejects.toThrow("This invoice is already marked as bad debt.");
    const two = await tx((t) => markInvoiceBadDebt(t, { clinicId: clinic.clinicId, invoiceId: second.id, actor }));
    expect(two.invoiceSet).toMatchObject({
      invoiceSetId: invoiceSet.invoiceSetId,
      amountOutstandingCents: 0,
      status: "written_off",
      closedBy: "write_off",
    });
  });
});
