import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { patientLinks } from "@/db/schema";

/**
 * Revokes every live link of the given sets. The guarded transitions call it in the
 * transaction that closes a set (paid, cancelled, written off, collections); links are also
 * refused at open time when the set is closed, as a second line of defence.
 */
export async function revokePatientLinksForSets(
  tx: Executor,
  params: { clinicId: string; invoiceSetIds: readonly string[]; now?: Date },
): Promise<number> {
  if (params.invoiceSetIds.length === 0) return 0;
  const revoked = await tx
    .update(patientLinks)
    .set({ revokedAt: params.now ?? new Date() })
    .where(
      and(
        eq(patientLinks.clinicId, params.clinicId),
        inArray(patientLinks.invoiceSetId, [...params.invoiceSetIds]),
        isNull(patientLinks.revokedAt),
      ),
    )
    .returning({ id: patientLinks.id });
  return revoked.length;
}
