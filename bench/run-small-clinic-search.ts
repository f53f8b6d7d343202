import { randomUUID } from "node:crypto";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";
import { removeClinic } from "@/db/generate/remove-clinic";
import type { ClinicScope } from "@/lib/clinics/clinic-scope";
import { listInvoiceSets } from "@/lib/invoice-sets/list-invoice-sets";
import { likeContains, normalizeSearchTerm } from "@/lib/invoice-sets/search-term";
import type { BenchClinic } from "./mixes";
import { insertScratchClinic } from "./scratch-clinic";
import { scratchUuid } from "./scratch-ids";
import { type MeasureOptions, measureInterleaved, type Timing } from "./stats";

export interface SmallClinicSearchResult {
  /** What was searched: the name of the "name search" mix. */
  term: string;
  smallClinicSets: number;
  /** Sets the search found in each clinic (the page's capped total). */
  matched: { generated: number; small: number };
  /** listInvoiceSets with that search, in the generated clinic and in the small one. */
  generated: Timing;
  small: Timing;
}

/** Sets of the small clinic, one patient each. */
const SMALL_CLINIC_SETS = 3_000;
/** Of which named as the searched patient: a small clinic's search finds a few. */
const SAME_NAME = 3;

/**
 * A clinic's search should cost what that clinic holds, not what the database holds. A scratch
 * clinic of 3,000 sets, whose patients are named as the generated clinic's, sits in the same
 * database; the same name search runs in both, interleaved. The scratch clinic is removed after.
 */
export async function runSmallClinicSearch(
  db: Db,
  clinic: BenchClinic,
  term: string,
  options: MeasureOptions,
): Promise<SmallClinicSearchResult> {
  const smallClinicId = randomUUID();
  try {
    const smallClinicSets = await createSmallClinic(db, clinic.clinicId, smallClinicId, term);
    const generated: ClinicScope = { clinicId: clinic.clinicId, timeZone: clinic.timeZone };
    const small: ClinicScope = { clinicId: smallClinicId, timeZone: clinic.timeZone };
    const search = (scope: ClinicScope) => () => listInvoiceSets(db, scope, { q: term });
    const matched = {
      generated: (await search(generated)()).total,
      small: (await search(small)()).total,
    };
    const timings = await measureInterleaved({ generated: search(generated), small: search(small) }, options);
    return { term, smallClinicSets, matched, ...timings };
  } finally {
    await removeClinic(db, smallClinicId);
  }
}

/** The small clinic and its sets; returns how many sets it has (fewer when the generated clinic is smaller). */
async function createSmallClinic(db: Db, fromClinicId: string, clinicId: string, term: string): Promise<number> {
  const c = `'${clinicId}'`;
  const from = `'${fromClinicId}'`;
  const searched = likeContains(normalizeSearchTerm(term) ?? term).replace(/'/g, "''");
  const ruleSetId = await insertScratchClinic(db, clinicId, {
    slug: `bench-small-${clinicId.slice(0, 8)}`,
    name: "Small clinic bench",
    phone: "+12025550197",
    email: "billing@small.bench",
    ruleSetDescription: "Small clinic",
  });
  // Names, phones and emails of the generated clinic's patients: the searched name a few times, then the first by id.
  await run(
    db,
    `INSERT INTO patients (id, clinic_id, external_id, first_name, last_name, date_of_birth, phone, email, time_zone)
     SELECT ${scratchUuid(`${c} || i`)}, ${c}, 'SMALL-' || i, first_name, last_name, date_of_birth, phone, email, 'UTC'
     FROM (
       SELECT row_number() OVER () AS i, * FROM (
         (SELECT first_name, last_name, date_of_birth, phone, email FROM patients
          WHERE clinic_id = ${from} AND search_text LIKE '${searched}' LIMIT ${SAME_NAME})
         UNION ALL
         (SELECT first_name, last_name, date_of_birth, phone, email FROM patients
          WHERE clinic_id = ${from} ORDER BY id LIMIT ${SMALL_CLINIC_SETS - SAME_NAME})
       ) chosen
     ) numbered`,
  );
  await run(
    db,
    `INSERT INTO invoice_sets (id, clinic_id, patient_id, status, rule_set_id, sequence_step, sequence_cycle, sequence_started_at, amount_outstanding_cents, created_at, updated_at)
     SELECT ${scratchUuid("'set' || id::text")}, ${c}, id, 'active', '${ruleSetId}', 1, 0, now(), 10000, now(), now()
     FROM patients WHERE clinic_id = ${c}`,
  );
  // What autovacuum does in time on a live database: the new patients' index entries move from
  // the GIN pending list (scanned in full by every search) into the index, and the planner
  // learns the clinic's size (it would scan all 3,000 sets, guessing 1).
  await run(db, "SELECT gin_clean_pending_list('patients_clinic_search_trgm_idx')");
  await run(db, "ANALYZE patients");
  await run(db, "ANALYZE invoice_sets");
  const [count] = await executeRows<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM invoice_sets WHERE clinic_id = ${c}`,
  );
  return count?.n ?? 0;
}
