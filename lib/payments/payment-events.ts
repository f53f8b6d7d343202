import { invoiceSetStopped, paymentReceived } from "@/inngest/events";
import type { RefreshedInvoiceSetBalance } from "@/lib/invoice-sets/refresh-invoice-set-balance";

/** Events to publish after a payment commits: a receipt, and a stop for every set it closed. */
export function paymentEvents(result: {
  clinicId: string;
  patientId: string;
  receiptId: string;
  amountCents: number;
  invoiceSets: readonly RefreshedInvoiceSetBalance[];
}) {
  const { clinicId, patientId, receiptId, amountCents } = result;
  return [
    paymentReceived.create({ clinicId, patientId, receiptId, amountCents }, { id: `payment-received-${receiptId}` }),
    ...invoiceSetStoppedEvents(clinicId, result.invoiceSets),
  ];
}

/** invoiceSetStopped for each set a change closed (paid, written off, cancelled). */
export function invoiceSetStoppedEvents(clinicId: string, sets: readonly RefreshedInvoiceSetBalance[]) {
  return sets
    .filter((set) => set.closedBy !== null)
    .map((set) => invoiceSetStopped.create({ clinicId, invoiceSetId: set.invoiceSetId, reason: set.status }));
}
