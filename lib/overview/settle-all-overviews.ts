import { asc } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clinics } from "@/db/schema";
import { foldPendingChanges, settleOverview } from "./settle-overview";

/**
 * Every 10 minutes, every clinic settled as the Overview page does before it reads, and its
 * pending changes folded however recent its mark: the aging and status-count changes stay
 * few (the metric cards read them on every list view), and a clinic whose Overview nobody
 * opens keeps its live part small.
 */
export async function settleAllOverviews(db: Db, now: Date = new Date()): Promise<{ clinics: number }> {
  const all = await db
    .select({ clinicId: clinics.id, timeZone: clinics.timeZone })
    .from(clinics)
    .orderBy(asc(clinics.id));
  for (const clinic of all) {
    const { folded } = await settleOverview(db, clinic, now);
    if (!folded) await db.transaction((tx) => foldPendingChanges(tx, clinic.clinicId));
  }
  return { clinics: all.length };
}
