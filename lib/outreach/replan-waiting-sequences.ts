import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets } from "@/db/schema";
import { type AppEvent, invoiceSetActivated } from "@/inngest/events";

/**
 * After a change to when messages may go (the clinic's window or zone, a patient's zone):
 * one event per waiting (Active) set of the clinic, or of the given patients. Each replaces
 * the set's run with one that plans afresh, so none keeps sleeping towards an old time.
 */
export async function replanWaitingSequences(
  tx: Executor,
  params: { clinicId: string; patientIds?: readonly string[] },
): Promise<AppEvent[]> {
  const { clinicId, patientIds } = params;
  if (patientIds?.length === 0) return [];
  const waiting = await tx
    .select({ id: invoiceSets.id })
    .from(invoiceSets)
    .where(
      and(
        eq(invoiceSets.clinicId, clinicId),
        eq(invoiceSets.status, "active"),
        patientIds ? inArray(invoiceSets.patientId, [...patientIds]) : undefined,
      ),
    );
  return waiting.map((set) => invoiceSetActivated.create({ clinicId, invoiceSetId: set.id }));
}
