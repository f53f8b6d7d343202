/** The fields a file's columns can map to, with the header spellings each one is suggested for. */
export const IMPORT_FIELDS = {
  mrn: ["mrn", "medical record number", "patient id", "patient_id", "chart", "chart number", "account"],
  first_name: ["first_name", "first name", "firstname", "given name", "first"],
  last_name: ["last_name", "last name", "lastname", "family name", "surname", "last"],
  date_of_birth: ["date_of_birth", "date of birth", "dob", "birthdate", "birth date"],
  phone: ["phone", "mobile", "cell", "phone number", "mobile phone"],
  email: ["email", "e-mail", "email address"],
  time_zone: ["time_zone", "time zone", "timezone", "tz"],
  service_date: ["service_date", "service date", "date of service", "dos"],
  description: ["description", "procedure", "service", "item"],
  code: ["code", "procedure code", "cpt", "cdt", "cpt code"],
  quantity: ["quantity", "qty", "units"],
  amount: ["amount", "fee", "price", "unit price", "charge"],
  due_date: ["due_date", "due date", "due"],
  clinician: ["clinician", "provider", "doctor", "dentist"],
  issue: ["issue", "issued", "status"],
  row_key: ["row_key", "row key", "line id", "charge id", "claim id", "transaction id"],
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_NAMES = Object.keys(IMPORT_FIELDS) as ImportField[];
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ["mrn", "first_name", "last_name", "date_of_birth"];

/** What the mapping screen calls each field, and how a problem names it ("date of birth 'x' is not a date"). */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  mrn: "MRN",
  first_name: "first name",
  last_name: "last name",
  date_of_birth: "date of birth",
  phone: "phone",
  email: "email",
  time_zone: "time zone",
  service_date: "service date",
  description: "description",
  code: "code",
  quantity: "quantity",
  amount: "amount",
  due_date: "due date",
  clinician: "clinician",
  issue: "issue",
  row_key: "row key",
};

const simplify = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

/** A mapping suggested from the header row: each field to the first column spelled like it. */
export function suggestMapping(headers: readonly string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  const used = new Set<string>();
  for (const field of IMPORT_FIELD_NAMES) {
    const spellings = IMPORT_FIELDS[field].map(simplify);
    const header = headers.find((candidate) => !used.has(candidate) && spellings.includes(simplify(candidate)));
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}
