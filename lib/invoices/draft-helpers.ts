import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { clinicians, clinics, invoiceCharges, patients } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { DraftInput } from "./draft-input";

/** Refuses a patient or clinician id that is not this clinic's, whatever id is sent. */
export async function assertOwnedReferences(
  tx: Tx,
  clinicId: string,
  draft: Pick<DraftInput, "patientId" | "clinicianId">,
) {
  if (draft.patientId) {
    const [row] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.id, draft.patientId), eq(patients.clinicId, clinicId)));
    if (!row)
      throw new AppError("not_found", "That patient was not found in this clinic.", {
        patientId: ["Choose a patient from the list."],
      });
  }
  if (draft.clinicianId) {
    const [row] = await tx
      .select({ id: clinicians.id })
      .from(clinicians)
      .where(and(eq(clinicians.id, draft.clinicianId), eq(clinicians.clinicId, clinicId)));
    if (!row)
      throw new AppError("not_found", "That clinician was not found in this clinic.", {
        clinicianId: ["Choose a clinician from the list."],
      });
  }
}

export async function insertCharges(tx: Tx, clinicId: string, invoiceId: string, charges: DraftInput["charges"]) {
  if (charges.length === 0) return;
  await tx.insert(invoiceCharges).values(
    charges.map((charge, position) => ({
      clinicId,
      invoiceId,
      position,
      code: charge.code,
      description: charge.description,
      quantity: charge.quantity,
      unitPriceCents: charge.unitPrice,
    })),
  );
}

export const totalOf = (charges: DraftInput["charges"]) =>
  charges.reduce((sum, charge) => sum + charge.quantity * charge.unitPrice, 0);

/** Takes the clinic's next invoice number; the row lock makes numbers unique and gap-free per clinic. */
export async function nextInvoiceNumber(tx: Tx, clinicId: string): Promise<number> {
  const [row] = await tx
    .update(clinics)
    .set({ nextInvoiceNumber: sql`${clinics.nextInvoiceNumber} + 1` })
    .where(eq(clinics.id, clinicId))
    .returning({ number: sql<number>`${clinics.nextInvoiceNumber} - 1` });
  if (!row) throw new AppError("not_found", "This clinic was not found.");
  return Number(row.number);
}
