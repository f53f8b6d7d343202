import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinicians } from "@/db/schema";

/** The clinic's active clinicians, for the invoice form. */
export async function listActiveClinicians(db: Executor, clinicId: string) {
  const rows = await db
    .select({ id: clinicians.id, name: clinicians.name, credentials: clinicians.credentials })
    .from(clinicians)
    .where(and(eq(clinicians.clinicId, clinicId), eq(clinicians.active, true)))
    .orderBy(asc(clinicians.name));
  return rows.map((row) => ({ id: row.id, name: row.credentials ? `${row.name}, ${row.credentials}` : row.name }));
}
