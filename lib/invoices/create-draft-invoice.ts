import type { Tx } from "@/db/connect";
import { type Invoice, invoices } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { assertOwnedReferences, insertCharges, nextInvoiceNumber, totalOf } from "./draft-helpers";
import type { DraftInput } from "./draft-input";

/** A new draft (it exists once it has a patient or a charge; the input schema insists on one). */
export async function createDraftInvoice(
  tx: Tx,
  params: { clinicId: string; actor: Actor; draft: DraftInput; duplicatedFromId?: string },
): Promise<Invoice> {
  const { clinicId, actor, draft } = params;
  await assertOwnedReferences(tx, clinicId, draft);
  const number = await nextInvoiceNumber(tx, clinicId);
  const [invoice] = await tx
    .insert(invoices)
    .values({
      clinicId,
      number,
      status: "draft",
      patientId: draft.patientId,
      clinicianId: draft.clinicianId,
      serviceDate: draft.serviceDate,
      dueDate: draft.dueDate,
      notes: draft.notes,
      totalCents: totalOf(draft.charges),
      duplicatedFromId: params.duplicatedFromId ?? null,
    })
    .returning();
  if (!invoice)
    throw new AppError("unavailable", "The draft invoice could not be saved. Nothing was changed; please try again.");
  await insertCharges(tx, clinicId, invoice.id, draft.charges);
  await recordAudit(tx, {
    clinicId,
    actor,
    action: params.duplicatedFromId ? "invoice.duplicate" : "invoice.create",
    entityType: "invoice",
    entityId: invoice.id,
    before: null,
    after: {
      status: "draft",
      number,
      totalCents: invoice.totalCents,
      charges: draft.charges.length,
      ...(params.duplicatedFromId ? { duplicatedFromId: params.duplicatedFromId } : {}),
    },
  });
  return invoice;
}
