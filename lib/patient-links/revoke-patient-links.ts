import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { patientLinks } from "@/db/schema";

/**
 * Revokes every live link of a set. Call it in the transaction that closes the set
 * (paid, cancelled, written off, collections). Links are also refused at open time when
 * the set is closed, so a closing path that forgets this still shows no statement.
 */
export async function revokePatientLinksForSet(
  tx: Executor,
  params: { clinicId: string; invoiceSetId: string; now?: Date },
): Promise<number> {
  const revoked = await tx
    .update(patientLinks)
    .set({ revokedAt: params.now ?? new Date() })
    .where(
      and(
        eq(patientLinks.clinicId, params.clinicId),
        eq(patientLinks.invoiceSetId, params.invoiceSetId),
        isNull(patientLinks.revokedAt),
      ),
    )
    .returning({ id: patientLinks.id });
  return revoked.length;
}
