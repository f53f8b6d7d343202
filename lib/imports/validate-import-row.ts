import { createHash } from "node:crypto";
import { z } from "zod";
import { parseDollarsToCents } from "@/lib/money";
import { isValidTimeZone, toE164 } from "@/lib/patients/contact-input";
import { dateOfBirthProblem } from "@/lib/patients/patient-input";
import { IMPORT_FIELD_LABELS, type ImportField } from "./import-columns";

/** A good row, normalized: what the import writes. */
export interface ImportRowData {
  mrn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  /** IANA zone; null: keep the patient's (a new patient uses the clinic's). */
  timeZone: string | null;
  /** Present when the row carries a charge: the row becomes one invoice with one charge. */
  charge: {
    rowKey: string;
    serviceDate: string | null;
    dueDate: string | null;
    code: string;
    description: string;
    quantity: number;
    unitPriceCents: number;
    clinicianId: string | null;
    issue: boolean;
  } | null;
}

export type ImportRowResult = { ok: true; data: ImportRowData } | { ok: false; problems: string[] };

const TRUE = new Set(["yes", "y", "true", "1", "issue", "issued"]);
const FALSE = new Set(["", "no", "n", "false", "0", "draft"]);

/** "2026-03-04" or US "3/4/2026" → "2026-03-04"; anything else → null. */
export function normalizeDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!y || !m || !d) return null;
  const text = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const parsed = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text ? null : text;
}

/**
 * One file row (already mapped to fields) → normalized data, or every problem with it, each
 * phrased "date of birth 'not-a-date' is not a date". `clinicians` maps lower-cased names to ids.
 */
export function validateImportRow(
  raw: Partial<Record<ImportField, string>>,
  clinicians: ReadonlyMap<string, string>,
  today = new Date().toISOString().slice(0, 10),
): ImportRowResult {
  const problems: string[] = [];
  const get = (field: ImportField) => (raw[field] ?? "").trim();
  const bad = (field: ImportField, why: string) =>
    problems.push(`${IMPORT_FIELD_LABELS[field]} '${get(field)}' ${why}`);
  const missing = (field: ImportField) => problems.push(`${IMPORT_FIELD_LABELS[field]} is missing`);

  const mrn = get("mrn");
  if (!mrn) missing("mrn");
  else if (mrn.length > 40 || !/^[A-Za-z0-9._-]+$/.test(mrn))
    bad("mrn", "may only have letters, digits, . _ - (40 at most)");
  for (const field of ["first_name", "last_name"] as const) {
    if (!get(field)) missing(field);
    else if (get(field).length > 100) bad(field, "is longer than 100 characters");
  }
  const dobText = get("date_of_birth");
  const dateOfBirth = normalizeDate(dobText);
  if (!dobText) missing("date_of_birth");
  else if (!dateOfBirth) bad("date_of_birth", "is not a date");
  else {
    const problem = dateOfBirthProblem(dateOfBirth, today);
    if (problem) bad("date_of_birth", problem);
  }
  const phone = get("phone") ? toE164(get("phone")) : null;
  if (get("phone") && !phone) bad("phone", "is not a valid phone number");
  const email = get("email").toLowerCase() || null;
  if (email && !z.email().safeParse(email).success) bad("email", "is not a valid email address");
  const timeZone = get("time_zone") || null;
  if (timeZone && !isValidTimeZone(timeZone)) bad("time_zone", "is not a time zone like America/Chicago");

  const hasCharge = (["code", "description", "amount", "service_date"] as const).some((field) => get(field) !== "");
  let charge: ImportRowData["charge"] = null;
  if (hasCharge) {
    const code = get("code");
    const description = get("description");
    if (!code) missing("code");
    else if (code.length > 20) bad("code", "is longer than 20 characters");
    if (!description) missing("description");
    else if (description.length > 200) bad("description", "is longer than 200 characters");
    const quantity = get("quantity") === "" ? 1 : Number(get("quantity"));
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100)
      bad("quantity", "is not a whole number from 1 to 100");
    const unitPriceCents = get("amount") ? parseDollarsToCents(get("amount")) : null;
    if (!get("amount")) missing("amount");
    else if (unitPriceCents === null || unitPriceCents > 10_000_000) bad("amount", "is not an amount like 125.00");
    const serviceDate = get("service_date") ? normalizeDate(get("service_date")) : null;
    if (get("service_date") && !serviceDate) bad("service_date", "is not a date");
    const dueDate = get("due_date") ? normalizeDate(get("due_date")) : null;
    if (get("due_date") && !dueDate) bad("due_date", "is not a date");
    if (serviceDate && dueDate && dueDate < serviceDate) bad("due_date", "is before the service date");
    const clinicianId = get("clinician") ? (clinicians.get(get("clinician").toLowerCase()) ?? null) : null;
    if (get("clinician") && !clinicianId) bad("clinician", "is not one of this clinic's clinicians");
    const issueText = get("issue").toLowerCase();
    if (!TRUE.has(issueText) && !FALSE.has(issueText)) bad("issue", "is not yes or no");
    const rowKey =
      get("row_key") ||
      createHash("sha256")
        .update(JSON.stringify([mrn, serviceDate, dueDate, code, description, quantity, unitPriceCents]))
        .digest("base64url");
    if (problems.length === 0 && unitPriceCents !== null) {
      charge = {
        rowKey,
        serviceDate,
        dueDate,
        code,
        description,
        quantity,
        unitPriceCents,
        clinicianId,
        issue: TRUE.has(issueText),
      };
    }
  }
  if (problems.length > 0 || !dateOfBirth) return { ok: false, problems };
  return {
    ok: true,
    data: {
      mrn,
      firstName: get("first_name"),
      lastName: get("last_name"),
      dateOfBirth,
      phone,
      email,
      timeZone,
      charge,
    },
  };
}
