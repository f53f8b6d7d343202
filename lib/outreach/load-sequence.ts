import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, invoiceSets, patients, paymentCards, type Rule, ruleSets } from "@/db/schema";
import { patientTimeZone } from "@/lib/patients/patient-time-zone";
import type { SendWindow } from "./send-window";

/** The set's rules in order, as JSON in the same statement (one round trip per load). */
const rulesOfSet = sql<Rule[]>`coalesce((
  select json_agg(json_build_object('id', r.id, 'clinicId', r.clinic_id, 'ruleSetId', r.rule_set_id,
    'delayDays', r.delay_days, 'channels', r.channels, 'chargeCard', r.charge_card, 'title', r.title,
    'template', r.template) order by r.delay_days)
  from rules r where r.rule_set_id = ${invoiceSets.ruleSetId} and r.clinic_id = ${invoiceSets.clinicId}), '[]')`;

/** Everything a sequence step needs about one set, read fresh each time (the database is the truth). */
export async function loadSequence(db: Executor, ref: { clinicId: string; invoiceSetId: string }) {
  const [loaded] = await selectSequences(
    db,
    and(eq(invoiceSets.id, ref.invoiceSetId), eq(invoiceSets.clinicId, ref.clinicId)),
  );
  return loaded ?? null;
}

/** loadSequence for many sets in one statement (the local engine's batches): by set id, a set of another clinic left out. */
export async function loadSequences(
  db: Executor,
  refs: readonly { clinicId: string; invoiceSetId: string }[],
): Promise<Map<string, LoadedSequence>> {
  const byId = new Map<string, LoadedSequence>();
  if (refs.length === 0) return byId;
  const clinicOf = new Map(refs.map((ref) => [ref.invoiceSetId, ref.clinicId]));
  const rows = await selectSequences(db, inArray(invoiceSets.id, [...clinicOf.keys()]));
  for (const row of rows) if (clinicOf.get(row.set.id) === row.set.clinicId) byId.set(row.set.id, row);
  return byId;
}

async function selectSequences(db: Executor, where: SQL | undefined) {
  const rows = await db
    .select({
      set: invoiceSets,
      patient: patients,
      clinic: clinics,
      ruleSet: ruleSets,
      card: paymentCards,
      rules: rulesOfSet,
    })
    .from(invoiceSets)
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .leftJoin(paymentCards, and(eq(paymentCards.patientId, patients.id), eq(paymentCards.clinicId, patients.clinicId)))
    .innerJoin(clinics, eq(clinics.id, invoiceSets.clinicId))
    .innerJoin(ruleSets, eq(ruleSets.id, invoiceSets.ruleSetId))
    .where(where);
  return rows.map((row) => {
    const window: SendWindow = {
      startMinute: row.clinic.sendWindowStartMinute,
      endMinute: row.clinic.sendWindowEndMinute,
      days: row.clinic.sendDays,
    };
    // The patient as outreach sees them: in their own zone, else the clinic's.
    const patient = { ...row.patient, timeZone: patientTimeZone(row.patient, row.clinic) };
    return { ...row, patient, window };
  });
}

export type LoadedSequence = Awaited<ReturnType<typeof selectSequences>>[number];

/** Why a sequence should not go on, or null while the set is active and owing. */
export function stopReason(loaded: LoadedSequence | null): string | null {
  if (!loaded) return "invoice set not found";
  if (loaded.set.status !== "active") return `invoice set is ${loaded.set.status}`;
  if (loaded.set.amountOutstandingCents <= 0) return "nothing is owed";
  // The plan's reminders replace the rule set while the set is on a payment plan.
  if (loaded.set.paymentPlanId) return "on a payment plan";
  return null;
}
