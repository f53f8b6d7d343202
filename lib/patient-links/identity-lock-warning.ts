import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { patientLinks } from "@/db/schema";

/**
 * True when the set's newest link was revoked after repeated wrong dates of birth, so staff
 * should reach the patient and send a new link (a newer link clears the warning).
 */
export async function isLatestLinkIdentityLocked(db: Executor, clinicId: string, invoiceSetId: string) {
  const [latest] = await db
    .select({ revokedReason: patientLinks.revokedReason })
    .from(patientLinks)
    .where(and(eq(patientLinks.clinicId, clinicId), eq(patientLinks.invoiceSetId, invoiceSetId)))
    .orderBy(desc(patientLinks.createdAt), desc(patientLinks.id))
    .limit(1);
  return latest?.revokedReason === "identity_lock";
}
