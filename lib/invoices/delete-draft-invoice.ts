import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { invoices } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertInvoiceAction, lockInvoice } from "@/lib/state-machine/transition-invoice";

/** Deletes a draft and its charges. Anything issued is voided instead, never deleted. */
export async function deleteDraftInvoice(
  tx: Tx,
  params: { clinicId: string; invoiceId: string; actor: Actor },
): Promise<void> {
  const { clinicId, invoiceId, actor } = params;
  const current = await lockInvoice(tx, clinicId, invoiceId);
  assertInvoiceAction("delete", current);
  await tx
    .delete(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.clinicId, clinicId), eq(invoices.status, "draft")));
  await recordAudit(tx, {
    clinicId,
    actor,
    action: "invoice.delete",
    entityType: "invoice",
    entityId: invoiceId,
    before: { status: "draft", number: current.number, totalCents: current.totalCents, patientId: current.patientId },
    after: null,
  });
}
