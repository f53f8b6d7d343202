import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { type Invoice, invoiceCharges } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { assertInvoiceAction, lockInvoice } from "@/lib/state-machine/transition-invoice";
import { createDraftInvoice } from "./create-draft-invoice";

/**
 * A voided invoice → a new draft with the same patient, clinician, service date and
 * charges (invoice-statuses.txt "Voided"). The voided one stays as it was, for the record.
 */
export async function duplicateInvoice(
  tx: Tx,
  params: { clinicId: string; invoiceId: string; actor: Actor },
): Promise<Invoice> {
  const source = await lockInvoice(tx, params.clinicId, params.invoiceId);
  assertInvoiceAction("duplicate", source);
  const charges = await tx
    .select()
    .from(invoiceCharges)
    .where(eq(invoiceCharges.invoiceId, source.id))
    .orderBy(asc(invoiceCharges.position));
  return createDraftInvoice(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    duplicatedFromId: source.id,
    draft: {
      patientId: source.patientId,
      clinicianId: source.clinicianId,
      serviceDate: source.serviceDate,
      dueDate: null,
      notes: source.notes,
      charges: charges.map((charge) => ({
        code: charge.code,
        description: charge.description,
        quantity: charge.quantity,
        unitPrice: charge.unitPriceCents,
      })),
    },
  });
}
