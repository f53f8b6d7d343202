import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets, patients, ruleSets } from "@/db/schema";
import type { InvoiceSetRow } from "./list-invoice-sets";

/** One set of this clinic as a list row, or null (another clinic's id finds nothing). */
export async function getInvoiceSetRow(
  db: Executor,
  clinicId: string,
  invoiceSetId: string,
): Promise<InvoiceSetRow | null> {
  const [row] = await db
    .select({
      id: invoiceSets.id,
      status: invoiceSets.status,
      statusReason: invoiceSets.statusReason,
      resumeAt: invoiceSets.resumeAt,
      amountOutstandingCents: invoiceSets.amountOutstandingCents,
      createdAt: invoiceSets.createdAt,
      nextSendAt: invoiceSets.nextSendAt,
      ruleSetId: invoiceSets.ruleSetId,
      ruleSetTitle: ruleSets.title,
      patient: {
        id: patients.id,
        firstName: patients.firstName,
        lastName: patients.lastName,
        phone: patients.phone,
        externalId: patients.externalId,
      },
    })
    .from(invoiceSets)
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .innerJoin(ruleSets, eq(ruleSets.id, invoiceSets.ruleSetId))
    .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)));
  return row ?? null;
}
