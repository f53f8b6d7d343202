import { TOTAL_COUNT_CAP } from "@/lib/invoice-sets/list-invoice-sets";
import type { InvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { likeContains, normalizeSearchTerm } from "@/lib/invoice-sets/search-term";

/** Facts about the generated clinic the mixes are built from (looked up once). */
export interface BenchClinic {
  clinicId: string;
  timeZone: string;
  /** The newest set's creation day (YYYY-MM-DD): date filters count back from it. */
  lastDay: string;
  ruleSets: { id: string; title: string }[];
  /** A patient with a valid phone, for the name and phone searches. */
  samplePatient: { firstName: string; lastName: string; phone: string; externalId: string };
}

export interface Mix {
  name: string;
  /** What the Invoice Management URL would carry. */
  params: Partial<InvoiceSetSearchParams>;
  /** Filled in by the bench for the deep-page mix: the cursor of page N. */
  page?: number;
}

const q = (value: string) => `'${value.replace(/'/g, "''")}'`;

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** "+16175551234" → "(617) 555-1234": how staff type a phone. */
export function punctuatedPhone(e164: string): string {
  const digits = e164.replace(/\D/g, "").slice(-10);
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** The named filter mixes of the Invoice Management page, at least one per filter. */
export function buildMixes(clinic: BenchClinic): Mix[] {
  const standard = clinic.ruleSets[0]?.id ?? null;
  const gentle = clinic.ruleSets[1]?.id ?? standard;
  const { samplePatient: patient, lastDay } = clinic;
  return [
    { name: "no filter", params: {} },
    { name: "status: Paused", params: { status: ["paused"] } },
    { name: "status: Failed (card)", params: { status: ["failed"] } },
    { name: "amount ≥ $1,500", params: { amountMin: 150_000 } },
    { name: "created: last 30 days", params: { createdFrom: daysBefore(lastDay, 30), createdTo: lastDay } },
    {
      name: "send time: next 7 days",
      params: { sendFrom: daysBefore(lastDay, 0), sendTo: daysBefore(lastDay, -7), sort: "nextSend", dir: "asc" },
    },
    { name: "rule set: Gentle", params: { ruleSet: gentle } },
    { name: "name search", params: { q: `${patient.firstName} ${patient.lastName}` } },
    { name: "phone search (punctuated)", params: { q: punctuatedPhone(patient.phone) } },
    { name: "MRN search", params: { q: patient.externalId } },
    {
      name: "status multi + amount",
      params: { status: ["active", "will_fail", "failed"], amountMin: 20_000, amountMax: 150_000 },
    },
    {
      name: "created range + rule set",
      params: { createdFrom: daysBefore(lastDay, 540), createdTo: daysBefore(lastDay, 360), ruleSet: standard },
    },
    { name: "sort by amount (desc)", params: { sort: "amount", dir: "desc" } },
    { name: "page 1,000 of status: Paid", params: { status: ["paid"] }, page: 1000 },
  ];
}

const SORT_COLUMN = {
  created: "s.created_at",
  amount: "s.amount_outstanding_cents",
  nextSend: "s.next_send_at",
} as const;

/**
 * The bare SQL floor: the same rows as the data layer's page (same WHERE, order and limit,
 * same columns), without the total count, the cursor encoding or any mapping.
 */
export function floorWhere(clinic: BenchClinic, params: Partial<InvoiceSetSearchParams>): string {
  const where = [`s.clinic_id = ${q(clinic.clinicId)}`];
  const term = normalizeSearchTerm(params.q ?? "");
  if (term) {
    where.push(
      `s.patient_id IN (SELECT id FROM patients WHERE clinic_id = ${q(clinic.clinicId)} AND search_text LIKE ${q(likeContains(term))})`,
    );
  }
  if (params.status && params.status.length > 0) where.push(`s.status IN (${params.status.map(q).join(", ")})`);
  if (params.amountMin != null) where.push(`s.amount_outstanding_cents >= ${params.amountMin}`);
  if (params.amountMax != null) where.push(`s.amount_outstanding_cents <= ${params.amountMax}`);
  const dayStart = (day: string, offset: number) =>
    `((${q(day)}::date + ${offset})::timestamp AT TIME ZONE ${q(clinic.timeZone)})`;
  if (params.createdFrom) where.push(`s.created_at >= ${dayStart(params.createdFrom, 0)}`);
  if (params.createdTo) where.push(`s.created_at < ${dayStart(params.createdTo, 1)}`);
  if (params.sendFrom) where.push(`s.next_send_at >= ${dayStart(params.sendFrom, 0)}`);
  if (params.sendTo) where.push(`s.next_send_at < ${dayStart(params.sendTo, 1)}`);
  if (params.ruleSet) where.push(`s.rule_set_id = ${q(params.ruleSet)}`);
  return where.join(" AND ");
}

export function floorOrder(params: Partial<InvoiceSetSearchParams>): { column: string; dir: "ASC" | "DESC" } {
  return { column: SORT_COLUMN[params.sort ?? "created"], dir: (params.dir ?? "desc") === "asc" ? "ASC" : "DESC" };
}

export function floorPageSql(
  clinic: BenchClinic,
  params: Partial<InvoiceSetSearchParams>,
  seek?: { value: string; id: string },
): string {
  const { column, dir } = floorOrder(params);
  const size = params.size ?? 25;
  const seekSql = seek ? ` AND (${column}, s.id) ${dir === "DESC" ? "<" : ">"} (${q(seek.value)}, ${q(seek.id)})` : "";
  // Every column the page shows or needs (the contact facts explain Will Fail / Failed rows).
  return `SELECT s.id, s.status, s.status_reason, s.resume_at, s.amount_outstanding_cents, s.created_at, s.next_send_at, s.rule_set_id, r.title,
      p.id AS patient_id, p.first_name, p.last_name, p.phone, p.email, p.external_id, p.sms_opted_out_at, p.phone_is_landline,
      p.phone_unusable_reason, p.email_undeliverable_at, p.email_undeliverable_reason
    FROM invoice_sets s JOIN patients p ON p.id = s.patient_id JOIN rule_sets r ON r.id = s.rule_set_id
    WHERE ${floorWhere(clinic, params)}${seekSql}
    ORDER BY ${column} ${dir}, s.id ${dir} LIMIT ${size + 1}`;
}

export function floorCountSql(clinic: BenchClinic, params: Partial<InvoiceSetSearchParams>): string {
  return `SELECT count(*)::int AS n FROM invoice_sets s WHERE ${floorWhere(clinic, params)}`;
}

/** The count as it would be if capped (shown as "1,000+"): what a total costs when it cannot grow with the table. */
export const COUNT_CAP = TOTAL_COUNT_CAP;
export function cappedCountSql(clinic: BenchClinic, params: Partial<InvoiceSetSearchParams>): string {
  return `SELECT count(*)::int AS n FROM (SELECT 1 FROM invoice_sets s WHERE ${floorWhere(clinic, params)} LIMIT ${COUNT_CAP + 1}) capped`;
}

/** The row just before page `page` (its sort key as text and id), for a keyset cursor. */
export function rowBeforePageSql(clinic: BenchClinic, params: Partial<InvoiceSetSearchParams>, page: number): string {
  const { column, dir } = floorOrder(params);
  const size = params.size ?? 25;
  return `SELECT ${column}::text AS value, s.id FROM invoice_sets s WHERE ${floorWhere(clinic, params)}
    ORDER BY ${column} ${dir}, s.id ${dir} OFFSET ${(page - 1) * size - 1} LIMIT 1`;
}
