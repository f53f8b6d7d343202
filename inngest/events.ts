import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every event the app sends. Payloads are validated by these schemas on both sides.
 * Events go out only after the transaction that caused them commits.
 */
const setRef = z.object({ clinicId: z.uuid(), invoiceSetId: z.uuid() });

/** A set became active (opened, resumed, rule set changed, prediction cleared): run its sequence. */
export const invoiceSetActivated = eventType("billing/invoice-set.activated", { schema: setRef });

/** Outreach for a set must stop (paused, cancelled, written off, collections, paid, rule set changed). */
export const invoiceSetStopped = eventType("billing/invoice-set.stopped", {
  schema: setRef.extend({ reason: z.string() }),
});

/** A patient's phone or email changed: re-check whether the next message would fail. */
export const patientContactChanged = eventType("billing/patient.contact-changed", {
  schema: z.object({ clinicId: z.uuid(), patientId: z.uuid() }),
});

/** Money arrived (staff-recorded or online): send a receipt. */
export const paymentReceived = eventType("billing/payment.received", {
  schema: z.object({
    clinicId: z.uuid(),
    patientId: z.uuid(),
    receiptId: z.uuid(),
    amountCents: z.number().int().positive(),
  }),
});
