import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, patientLinks } from "@/db/schema";

/**
 * A link by its id (an opaque id, not a secret: it opens nothing by itself). Stripe returns
 * patients to a URL carrying this id, so no patient token ever leaves for another site.
 */
export async function findPatientLinkById(db: Executor, linkId: string) {
  const [row] = await db
    .select({
      id: patientLinks.id,
      clinicId: patientLinks.clinicId,
      invoiceSetId: patientLinks.invoiceSetId,
      clinicName: clinics.name,
    })
    .from(patientLinks)
    .innerJoin(clinics, and(eq(clinics.id, patientLinks.clinicId)))
    .where(eq(patientLinks.id, linkId));
  return row ?? null;
}
