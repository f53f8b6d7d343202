import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { invoiceSets } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { publishEvents } from "@/lib/events/publish-events";
import { BULK_CHUNK_SIZE } from "@/lib/state-machine/bulk-transition-invoice-sets";
import { eventsAfterAction } from "./action-events";
import { runInvoiceSetAction } from "./run-invoice-set-action";

/** Chunks per pass, so one pass stays bounded; the next pass takes the rest. */
const MAX_CHUNKS = 20;

/**
 * "Pause until": every paused set whose resume moment has come resumes through the same
 * Resume transition staff use (the same planner, prediction, timeline and audit), one
 * transaction per clinic chunk, events after each commit. Called by the scheduled function
 * with its own `now`, so tests drive time explicitly.
 */
export async function resumeDueInvoiceSets(db: Db, now: Date = new Date()): Promise<{ resumed: number }> {
  let resumed = 0;
  for (let chunk = 0; chunk < MAX_CHUNKS; chunk++) {
    // The partial index (resume_at, clinic_id) where paused: only due rows are read.
    const due = await db
      .select({ id: invoiceSets.id, clinicId: invoiceSets.clinicId })
      .from(invoiceSets)
      .where(and(eq(invoiceSets.status, "paused"), isNotNull(invoiceSets.resumeAt), lte(invoiceSets.resumeAt, now)))
      .orderBy(asc(invoiceSets.resumeAt))
      .limit(BULK_CHUNK_SIZE);
    if (due.length === 0) break;

    const byClinic = new Map<string, string[]>();
    for (const row of due) byClinic.set(row.clinicId, [...(byClinic.get(row.clinicId) ?? []), row.id]);
    for (const [clinicId, ids] of byClinic) {
      const result = await db.transaction((tx) =>
        runInvoiceSetAction(
          tx,
          { clinicId, actor: SYSTEM },
          { action: "resume", ids, note: "the pause ended on its resume date", now },
        ),
      );
      resumed += result.changed.length;
      await publishEvents(eventsAfterAction(clinicId, "resume", result.changed));
    }
    if (due.length < BULK_CHUNK_SIZE) break;
  }
  return { resumed };
}
