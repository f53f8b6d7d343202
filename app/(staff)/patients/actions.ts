"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { AppError } from "@/lib/errors";
import { runUseCase } from "@/lib/events/run-use-case";
import { formatCents } from "@/lib/money";
import { createPatient } from "@/lib/patients/create-patient";
import { patientInputSchema } from "@/lib/patients/patient-input";
import { updatePatient } from "@/lib/patients/update-patient";
import { paymentEvents } from "@/lib/payments/payment-events";
import { paymentFormSchema, receivedAtFromDate } from "@/lib/payments/payment-form";
import { recordPatientPayment } from "@/lib/payments/record-patient-payment";

const patientRef = z.object({ patientId: z.uuid("This patient link is not valid.") });

export const createPatientAction = staffAction(
  { permission: "invoices:write", input: patientInputSchema },
  async (input, staff) => {
    const { db } = await getDb();
    const patient = await db.transaction((tx) =>
      createPatient(tx, { clinicId: staff.clinicId, actor: staff.actor, input }),
    );
    return { patientId: patient.id };
  },
);

export const updatePatientAction = staffAction(
  { permission: "invoices:write", input: z.object({ ...patientRef.shape, ...patientInputSchema.shape }) },
  async ({ patientId, ...input }, staff) => {
    const { db } = await getDb();
    const { result } = await runUseCase(db, async (tx) => {
      const updated = await updatePatient(tx, { clinicId: staff.clinicId, actor: staff.actor, patientId, input });
      return { result: updated, events: updated.events };
    });
    return { changed: result.changed };
  },
);

/** Take Payment: one payment from the patient, allocated oldest invoice first. */
export const takePaymentAction = staffAction(
  { permission: "invoices:write", input: paymentFormSchema.extend({ patientId: z.uuid() }) },
  async ({ patientId, method, amount, reference, receivedOn }, staff) => {
    const receivedAt = receivedAtFromDate(receivedOn, staff.clinicTimeZone);
    if (!receivedAt)
      throw new AppError("invalid_input", "The payment date can't be in the future.", {
        receivedOn: ["Choose today or an earlier day."],
      });
    const { db } = await getDb();
    const { result } = await runUseCase(db, async (tx) => {
      const payment = await recordPatientPayment(tx, {
        clinicId: staff.clinicId,
        patientId,
        amountCents: amount,
        method,
        reference,
        receivedAt,
        actor: staff.actor,
      });
      const events = paymentEvents({
        clinicId: staff.clinicId,
        patientId,
        receiptId: payment.receiptId,
        amountCents: amount,
        invoiceSets: payment.invoiceSets,
      });
      return { result: payment, events };
    });
    const parts = result.allocations
      .map((part) => `#${part.invoiceNumber} ${formatCents(part.amountCents)}`)
      .join(", ");
    return {
      message: `Payment of ${formatCents(amount)} recorded (${parts}).`,
      paidInvoiceSetIds: result.paidInvoiceSetIds,
    };
  },
);
