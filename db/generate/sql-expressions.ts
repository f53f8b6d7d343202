import { AREA_CODES, CHARGE_CATALOG, FIRST_NAMES, LAST_NAMES, TIME_ZONES } from "@/db/seed/demo-data";

/**
 * SQL expression builders shared by every phase of the generator. Every generated value
 * is a pure function of an integer index and the seed (hashint8extended), so each table
 * can be filled with one INSERT … SELECT FROM generate_series, without joining the big
 * tables written before it, and the same seed always yields the same rows.
 */
export interface Expressions {
  /** A uniform integer in [0, n) drawn from `expr` in stream `salt`. */
  r(expr: string, salt: number, n: number): string;
  /** A deterministic uuid for row `expr` of a table (`table` is one hex byte). */
  uid(table: string, expr: string): string;
  patientFirstName(pi: string): string;
  patientLastName(pi: string): string;
  patientPhone(pi: string): string;
  patientEmail(pi: string): string;
  patientTimeZone(pi: string): string;
  /** Charges on invoice x (1 or 2). */
  chargeCount(x: string): string;
  /** Catalog index (0-based) of charge j (1 or 2) of invoice x. */
  chargeItem(x: string, j: 1 | 2): string;
  /** The total of invoice x: the sum of its charges. */
  invoiceTotal(x: string): string;
  /** What has been paid on invoice x (the k-th of its set) given the set's status. */
  invoicePaid(x: string, k: string, status: string): string;
}

const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
const textArray = (values: readonly string[]) => `(ARRAY[${values.map(text).join(",")}]::text[])`;
const intArray = (values: readonly number[]) => `(ARRAY[${values.join(",")}]::int[])`;

export const OPEN_STATUSES_SQL = "('active','paused','expired','will_fail','failed')";

export const CATALOG_CODES = textArray(CHARGE_CATALOG.map((c) => c.code));
export const CATALOG_DESCRIPTIONS = textArray(CHARGE_CATALOG.map((c) => c.description));
export const CATALOG_PRICES = intArray(CHARGE_CATALOG.map((c) => c.unitPriceCents));

/**
 * `namespace` (4 hex digits, from the clinic slug) keeps ids of two generated clinics in
 * one database apart; the table byte keeps tables apart.
 */
export function createExpressions(seed: number, namespace: string): Expressions {
  const base = seed * 1000;
  const r = (expr: string, salt: number, n: number) =>
    `((hashint8extended((${expr})::bigint, ${base + salt}) & 2147483647) % ${n})::int`;
  const firstName = (pi: string) => `${textArray(FIRST_NAMES)}[1 + ${r(pi, 11, FIRST_NAMES.length)}]`;
  const lastName = (pi: string) => `${textArray(LAST_NAMES)}[1 + ${r(pi, 12, LAST_NAMES.length)}]`;
  const total = (x: string) =>
    `(${CATALOG_PRICES}[1 + ${r(x, 22, CHARGE_CATALOG.length)}] + CASE WHEN ${r(x, 21, 2)} = 1 THEN ${CATALOG_PRICES}[1 + ${r(x, 23, CHARGE_CATALOG.length)}] ELSE 0 END)`;
  return {
    r,
    uid: (table, expr) =>
      `('${table}5c${namespace}-0000-4000-8000-' || lpad(to_hex((${expr})::bigint), 12, '0'))::uuid`,
    patientFirstName: firstName,
    patientLastName: lastName,
    // Contact problems as in the demo seed: every 25th patient in six ways.
    patientPhone: (pi) =>
      `CASE (${pi}) % 25 WHEN 3 THEN '+1555123' WHEN 7 THEN NULL ELSE '+1' || ${textArray(AREA_CODES)}[1 + ${r(pi, 13, AREA_CODES.length)}] || (200 + ${r(pi, 14, 800)})::text || lpad(${r(pi, 15, 10000)}::text, 4, '0') END`,
    patientEmail: (pi) =>
      `CASE (${pi}) % 25 WHEN 11 THEN NULL ELSE lower(${firstName(pi)} || '.' || ${lastName(pi)} || (${pi})::text || '@example.com') END`,
    patientTimeZone: (pi) => `${textArray(TIME_ZONES)}[1 + ${r(pi, 16, TIME_ZONES.length)}]`,
    chargeCount: (x) => `(1 + ${r(x, 21, 2)})`,
    chargeItem: (x, j) => r(x, j === 1 ? 22 : 23, CHARGE_CATALOG.length),
    invoiceTotal: total,
    // The first invoice of an open set is never fully paid, so an open set always owes something.
    invoicePaid: (x, k, status) => `CASE
      WHEN ${status} = 'paid' THEN ${total(x)}
      WHEN ${status} IN ${OPEN_STATUSES_SQL} THEN CASE
        WHEN (${k}) > 1 AND ${r(x, 24, 100)} < 10 THEN ${total(x)}
        WHEN ${r(x, 24, 100)} < 35 THEN ${total(x)} / 3
        ELSE 0 END
      ELSE CASE WHEN ${r(x, 24, 100)} < 20 THEN ${total(x)} / 3 ELSE 0 END
    END`,
  };
}

/** 4 hex digits from a slug (FNV-1a), so ids differ between generated clinics. */
export function namespaceFor(slug: string): string {
  let hash = 0x811c9dc5;
  for (const char of slug) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash & 0xffff).toString(16).padStart(4, "0");
}
