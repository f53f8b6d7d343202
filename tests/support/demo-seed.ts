import { eq } from "drizzle-orm";
import type { Database } from "@/db/connect";
import { clinics } from "@/db/schema";
import { DEMO_CLINIC_SLUG, seedDemo } from "@/db/seed/seed-demo";

/** The moment the demo is seeded "at" in integration tests: its data is checked against it. */
export const DEMO_SEEDED_AT = new Date("2026-11-20T17:00:00Z");

/**
 * The demo clinic in the run's shared database: seeded once (at a fixed moment), and found
 * again by any later test file that needs it.
 */
export async function demoClinicId(database: Database): Promise<string> {
  await database.db.transaction((tx) => seedDemo(tx, { patientCount: 80, now: DEMO_SEEDED_AT }));
  const [row] = await database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, DEMO_CLINIC_SLUG));
  if (!row) throw new Error("The demo clinic was not seeded.");
  return row.id;
}
