import { and, asc, eq, ilike, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { likeContains, normalizeSearchTerm } from "@/lib/invoice-sets/search-term";
import { EXPORT_BATCH_SIZE } from "./export-format";

export const PATIENT_EXPORT_HEADER = [
  "MRN",
  "First name",
  "Last name",
  "Date of birth",
  "Phone",
  "Email",
  "Time zone",
  "Preferred language",
] as const;

/** The patients list (its search applied), by name, 1,000 per keyset step. Patient data: audited. */
export async function exportPatients(db: Executor, params: { clinicId: string; actor: Actor; query: string }) {
  const { clinicId } = params;
  const term = normalizeSearchTerm(params.query);
  await recordAudit(db, {
    clinicId,
    actor: params.actor,
    action: "patient.export",
    entityType: "patient",
    entityId: null,
    after: { q: params.query || null },
  });
  let after: { lastName: string; firstName: string; id: string } | null = null;
  return async () => {
    const seek = after
      ? sql`(${patients.lastName}, ${patients.firstName}, ${patients.id}) > (${after.lastName}, ${after.firstName}, ${after.id}::uuid)`
      : undefined;
    const rows = await db
      .select()
      .from(patients)
      .where(
        and(eq(patients.clinicId, clinicId), term ? ilike(patients.searchText, likeContains(term)) : undefined, seek),
      )
      .orderBy(asc(patients.lastName), asc(patients.firstName), asc(patients.id))
      .limit(EXPORT_BATCH_SIZE);
    const last = rows.at(-1);
    if (last) after = { lastName: last.lastName, firstName: last.firstName, id: last.id };
    return {
      done: rows.length < EXPORT_BATCH_SIZE,
      rows: rows.map((row) => [
        row.externalId,
        row.firstName,
        row.lastName,
        row.dateOfBirth,
        row.phone ?? "",
        row.email ?? "",
        row.timeZone,
        row.preferredLanguage ?? "",
      ]),
    };
  };
}
