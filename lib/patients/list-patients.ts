import { and, asc, eq, ilike, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { patients } from "@/db/schema";
import { likeContains, normalizeSearchTerm } from "@/lib/invoice-sets/search-term";

export const PATIENT_PAGE_SIZE = 25;

/**
 * A page of the clinic's patients by name, optionally searched, with keyset pagination on
 * (last name, first name, id): `after` is the last patient id of the previous page.
 */
export async function listPatients(
  db: Executor,
  params: { clinicId: string; query?: string | null; after?: string | null; limit?: number },
) {
  const limit = Math.min(params.limit ?? PATIENT_PAGE_SIZE, 100);
  const filters: SQL[] = [eq(patients.clinicId, params.clinicId)];
  const term = normalizeSearchTerm(params.query ?? "");
  if (term) filters.push(ilike(patients.searchText, likeContains(term)));
  if (params.after) {
    filters.push(
      sql`(${patients.lastName}, ${patients.firstName}, ${patients.id}) > (select p.last_name, p.first_name, p.id from patients p where p.id = ${params.after} and p.clinic_id = ${params.clinicId})`,
    );
  }
  const rows = await db
    .select({
      id: patients.id,
      firstName: patients.firstName,
      lastName: patients.lastName,
      externalId: patients.externalId,
      dateOfBirth: patients.dateOfBirth,
      phone: patients.phone,
      email: patients.email,
    })
    .from(patients)
    .where(and(...filters))
    .orderBy(asc(patients.lastName), asc(patients.firstName), asc(patients.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextAfter: rows.length > limit && last ? last.id : null };
}

export type PatientListRow = Awaited<ReturnType<typeof listPatients>>["rows"][number];
