import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { patients } from "@/db/schema";

/** One patient of this clinic, or null (another clinic's id finds nothing). */
export async function getPatient(db: Executor, params: { clinicId: string; patientId: string }) {
  const [patient] = await db
    .select()
    .from(patients)
    .where(and(eq(patients.id, params.patientId), eq(patients.clinicId, params.clinicId)));
  return patient ?? null;
}
