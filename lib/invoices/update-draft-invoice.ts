import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { type Invoice, invoiceCharges, invoices } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { assertInvoiceAction, lockInvoice } from "@/lib/state-machine/transition-invoice";
import { assertOwnedReferences, insertCharges, totalOf } from "./draft-helpers";
import type { DraftInput } from "./draft-input";

/** Saves a draft as edited: its fields and the whole list of charges. Drafts only. */
export async function updateDraftInvoice(
  tx: Tx,
  params: { clinicId: string; invoiceId: string; actor: Actor; draft: DraftInput },
): Promise<Invoice> {
  const { clinicId, invoiceId, actor, draft } = params;
  const current = await lockInvoice(tx, clinicId, invoiceId);
  assertInvoiceAction("edit", current);
  await assertOwnedReferences(tx, clinicId, draft);

  await tx
    .delete(invoiceCharges)
    .where(and(eq(invoiceCharges.invoiceId, invoiceId), eq(invoiceCharges.clinicId, clinicId)));
  await insertCharges(tx, clinicId, invoiceId, draft.charges);
  const [updated] = await tx
    .update(invoices)
    .set({
      patientId: draft.patientId,
      clinicianId: draft.clinicianId,
      serviceDate: draft.serviceDate,
      dueDate: draft.dueDate,
      notes: draft.notes,
      totalCents: totalOf(draft.charges),
      updatedAt: new Date(),
    })
    .where(and(eq(invoices.id, invoiceId), eq(invoices.clinicId, clinicId), eq(invoices.status, "draft")))
    .returning();
  if (!updated) throw new AppError("conflict", "This invoice changed a moment ago. Reload to see its current state.");

  const fields = ["patientId", "clinicianId", "serviceDate", "dueDate", "notes", "totalCents"] as const;
  const changed = fields.filter((field) => current[field] !== updated[field]);
  await recordAudit(tx, {
    clinicId,
    actor,
    action: "invoice.edit",
    entityType: "invoice",
    entityId: invoiceId,
    before: Object.fromEntries(changed.map((field) => [field, current[field]])),
    after: { ...Object.fromEntries(changed.map((field) => [field, updated[field]])), charges: draft.charges.length },
  });
  return updated;
}
