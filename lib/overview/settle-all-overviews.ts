import { asc } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clinics } from "@/db/schema";
import { settleOverview } from "./settle-overview";

/**
 * Hourly, every clinic's Overview settled as the page would before it reads: a clinic whose
 * Overview nobody opens for weeks keeps its aging changes and live hour small, so the next
 * view stays fast. One clinic per transaction (each takes only its own mark's lock); a
 * clinic with nothing new costs a row read.
 */
export async function settleAllOverviews(db: Db, now: Date = new Date()): Promise<{ clinics: number }> {
  const all = await db
    .select({ clinicId: clinics.id, timeZone: clinics.timeZone })
    .from(clinics)
    .orderBy(asc(clinics.id));
  for (const clinic of all) await settleOverview(db, clinic, now);
  return { clinics: all.length };
}
