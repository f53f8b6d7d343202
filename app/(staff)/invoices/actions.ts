"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { invoiceSetActivated } from "@/inngest/events";
import { staffAction } from "@/lib/actions/staff-action";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { AppError } from "@/lib/errors";
import { runUseCase } from "@/lib/events/run-use-case";
import { createDraftInvoice } from "@/lib/invoices/create-draft-invoice";
import { deleteDraftInvoice } from "@/lib/invoices/delete-draft-invoice";
import { draftInputSchema } from "@/lib/invoices/draft-input";
import { duplicateInvoice } from "@/lib/invoices/duplicate-invoice";
import { issueInvoice } from "@/lib/invoices/issue-invoice";
import { markInvoiceBadDebt } from "@/lib/invoices/mark-bad-debt";
import { updateDraftInvoice } from "@/lib/invoices/update-draft-invoice";
import { voidInvoice } from "@/lib/invoices/void-invoice";
import { listPatients } from "@/lib/patients/list-patients";
import { invoiceSetStoppedEvents, paymentEvents } from "@/lib/payments/payment-events";
import { paymentFormSchema, receivedAtFromDate } from "@/lib/payments/payment-form";
import { recordInvoicePayment } from "@/lib/payments/record-payment";

const invoiceRef = z.object({ invoiceId: z.uuid("This invoice link is not valid.") });

export const createDraftAction = staffAction(
  { permission: "invoices:write", input: draftInputSchema },
  async (draft, staff) => {
    const { db } = await getDb();
    const invoice = await db.transaction((tx) =>
      createDraftInvoice(tx, { clinicId: staff.clinicId, actor: staff.actor, draft }),
    );
    return { invoiceId: invoice.id, number: invoice.number };
  },
);

export const updateDraftAction = staffAction(
  { permission: "invoices:write", input: z.object({ invoiceId: z.uuid(), draft: draftInputSchema }) },
  async ({ invoiceId, draft }, staff) => {
    const { db } = await getDb();
    await db.transaction((tx) =>
      updateDraftInvoice(tx, { clinicId: staff.clinicId, invoiceId, actor: staff.actor, draft }),
    );
    return { invoiceId };
  },
);

export const deleteDraftAction = staffAction(
  { permission: "invoices:write", input: invoiceRef },
  async ({ invoiceId }, staff) => {
    const { db } = await getDb();
    await db.transaction((tx) => deleteDraftInvoice(tx, { clinicId: staff.clinicId, invoiceId, actor: staff.actor }));
    return { invoiceId };
  },
);

export const issueInvoiceAction = staffAction(
  { permission: "invoices:write", input: invoiceRef },
  async ({ invoiceId }, staff) => {
    const { db } = await getDb();
    const { result, published } = await runUseCase(db, async (tx) => {
      const issued = await issueInvoice(tx, { clinicId: staff.clinicId, invoiceId, actor: staff.actor });
      const ref = { clinicId: staff.clinicId, invoiceSetId: issued.invoiceSet.invoiceSetId };
      return { result: issued, events: issued.openedInvoiceSet ? [invoiceSetActivated.create(ref)] : [] };
    });
    return { number: result.invoice.number, openedInvoiceSet: result.openedInvoiceSet, outreachQueued: published };
  },
);

export const recordPaymentAction = staffAction(
  { permission: "invoices:write", input: paymentFormSchema.extend({ invoiceId: z.uuid() }) },
  async ({ invoiceId, method, amount, reference, receivedOn }, staff) => {
    const receivedAt = receivedAtFromDate(receivedOn, staff.clinicTimeZone);
    if (!receivedAt)
      throw new AppError("invalid_input", "The payment date can't be in the future.", {
        receivedOn: ["Choose today or an earlier day."],
      });
    const { db } = await getDb();
    const { result } = await runUseCase(db, async (tx) => {
      const payment = await recordInvoicePayment(tx, {
        clinicId: staff.clinicId,
        invoiceId,
        amountCents: amount,
        method,
        reference,
        receivedAt,
        actor: staff.actor,
      });
      const events = paymentEvents({
        clinicId: staff.clinicId,
        patientId: payment.patientId,
        receiptId: payment.receiptId,
        amountCents: amount,
        invoiceSets: payment.invoiceSet ? [payment.invoiceSet] : [],
      });
      return { result: payment, events };
    });
    return { status: result.invoice.status, balanceCents: result.invoice.totalCents - result.invoice.paidCents };
  },
);

export const voidInvoiceAction = staffAction(
  {
    permission: "invoices:write",
    input: invoiceRef.extend({ reason: z.string().trim().min(1, "Enter a reason for voiding this invoice.").max(500) }),
  },
  async ({ invoiceId, reason }, staff) => {
    const { db } = await getDb();
    await runUseCase(db, async (tx) => {
      const result = await voidInvoice(tx, { clinicId: staff.clinicId, invoiceId, actor: staff.actor, reason });
      return { result, events: invoiceSetStoppedEvents(staff.clinicId, result.invoiceSet ? [result.invoiceSet] : []) };
    });
    return { invoiceId };
  },
);

export const markBadDebtAction = staffAction(
  { permission: "invoices:write", input: invoiceRef },
  async ({ invoiceId }, staff) => {
    const { db } = await getDb();
    await runUseCase(db, async (tx) => {
      const result = await markInvoiceBadDebt(tx, { clinicId: staff.clinicId, invoiceId, actor: staff.actor });
      return { result, events: invoiceSetStoppedEvents(staff.clinicId, result.invoiceSet ? [result.invoiceSet] : []) };
    });
    return { invoiceId };
  },
);

export const duplicateInvoiceAction = staffAction(
  { permission: "invoices:write", input: invoiceRef },
  async ({ invoiceId }, staff) => {
    const { db } = await getDb();
    const copy = await db.transaction((tx) =>
      duplicateInvoice(tx, { clinicId: staff.clinicId, invoiceId, actor: staff.actor }),
    );
    return { invoiceId: copy.id, number: copy.number };
  },
);

/** The "Patient" combobox: the first matches by name, MRN or phone. */
export const searchPatientsAction = staffAction(
  { permission: "invoices:write", input: z.object({ query: z.string().trim().max(100) }) },
  async ({ query }, staff) => {
    const { db } = await getDb();
    const { rows } = await listPatients(db, { clinicId: staff.clinicId, query, limit: 8 });
    // It returns dates of birth: a read of patient data like any other.
    await recordView(db, staff, {
      action: VIEW_ACTIONS.patientSearch,
      entityType: "patient",
      details: { query, shown: rows.length },
    });
    return rows.map((row) => ({
      id: row.id,
      name: `${row.firstName} ${row.lastName}`,
      externalId: row.externalId,
      dateOfBirth: row.dateOfBirth,
      phone: row.phone,
    }));
  },
);
