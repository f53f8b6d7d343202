import type { Invoice as FhirInvoice } from "fhir/r4";
import type { ApiInvoice } from "@/lib/api/invoice-schemas";
import type { InvoiceStatus } from "@/lib/state-machine/statuses";

/**
 * Our lifecycle → FHIR R4 Invoice.status. Partially paid is still "issued" (money is owed);
 * paid is "balanced"; a void is "cancelled" (with its reason). We never emit
 * "entered-in-error": a mistaken invoice is voided with a reason, which R4 calls cancelled.
 */
export const FHIR_INVOICE_STATUS: Record<InvoiceStatus, FhirInvoice["status"]> = {
  draft: "draft",
  issued: "issued",
  partially_paid: "issued",
  paid: "balanced",
  voided: "cancelled",
};

const money = (cents: number, currency: string) => ({ value: cents / 100, currency });

/** An invoice (with its charges) as a FHIR R4 Invoice; amounts in the clinic's currency. */
export function toFhirInvoice(invoice: ApiInvoice, currency: string): FhirInvoice {
  const resource: FhirInvoice = {
    resourceType: "Invoice",
    id: invoice.id,
    identifier: [{ system: "urn:clinic-billing:invoice-number", value: String(invoice.number) }],
    status: FHIR_INVOICE_STATUS[invoice.status],
    lineItem: invoice.charges.map((charge, index) => ({
      sequence: index + 1,
      chargeItemCodeableConcept: {
        coding: [{ code: charge.code, display: charge.description }],
        text: charge.description,
      },
      priceComponent: [{ type: "base", factor: charge.quantity, amount: money(charge.amountCents, currency) }],
    })),
    totalNet: money(invoice.totalCents, currency),
    totalGross: money(invoice.totalCents, currency),
  };
  if (invoice.patientId) resource.subject = { reference: `Patient/${invoice.patientId}` };
  if (invoice.issuedAt) resource.date = invoice.issuedAt;
  if (invoice.status === "voided" && invoice.voidReason) resource.cancelledReason = invoice.voidReason;
  if (invoice.dueDate) resource.paymentTerms = `Due ${invoice.dueDate}.`;
  return resource;
}
