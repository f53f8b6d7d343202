import { z } from "zod";
import { emailSchema, phoneSchema, timeZoneSchema } from "./contact-input";

/** The earliest date of birth accepted: older dates are typos (1090 for 1990). */
export const EARLIEST_DATE_OF_BIRTH = "1900-01-01";

/**
 * Why a date of birth is refused, as the end of a sentence ("is not a date"), or null when
 * it is fine. The form says "Date of birth is in the future."; the import says
 * "Row 4: date of birth '2090-01-01' is in the future".
 */
export function dateOfBirthProblem(value: string, today = new Date().toISOString().slice(0, 10)): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "is not a date";
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) return "is not a date";
  if (value > today) return "is in the future";
  if (value < EARLIEST_DATE_OF_BIRTH) return "is before 1900";
  return null;
}

export const dateOfBirthSchema = z
  .string("Enter a date of birth.")
  .trim()
  .min(1, "Enter a date of birth.")
  .superRefine((value, ctx) => {
    const problem = dateOfBirthProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `Date of birth ${problem}.` });
  });

const name = (what: string) =>
  z
    .string(`Enter a ${what}.`)
    .trim()
    .min(1, `Enter a ${what}.`)
    .max(100, `Use at most 100 characters for the ${what}.`);

/** The clinic's own id; letters, digits and . _ - only, so it survives exports and URLs. */
export const mrnSchema = z
  .string()
  .trim()
  .max(40, "Use at most 40 characters for the MRN.")
  .regex(/^[A-Za-z0-9._-]*$/, "Use only letters, digits, dots, dashes and underscores in the MRN.");

/** "en", "es", "pt-BR": a BCP 47 language, optional. */
export const preferredLanguageSchema = z
  .string()
  .nullish()
  .transform((value) => (value ?? "").trim())
  .pipe(z.union([z.literal(""), z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "Choose a language from the list.")]))
  .transform((value) => value || null);

/** A patient as staff, the import and the API give it (already normalized when parsed). */
export const patientInputSchema = z.object({
  firstName: name("first name"),
  lastName: name("last name"),
  dateOfBirth: dateOfBirthSchema,
  phone: phoneSchema,
  email: emailSchema,
  /** Empty: one is generated on create, kept on update. */
  mrn: mrnSchema.nullish().transform((value) => value || null),
  /** Empty: the clinic's zone. */
  timeZone: z
    .string()
    .nullish()
    .transform((value) => (value ?? "").trim() || null)
    .pipe(timeZoneSchema.nullable()),
  preferredLanguage: preferredLanguageSchema,
});

export type PatientInput = z.output<typeof patientInputSchema>;

export const PREFERRED_LANGUAGES = [
  { code: "en", label: "English" },
  { code: "es", label: "Spanish" },
  { code: "zh", label: "Chinese" },
  { code: "vi", label: "Vietnamese" },
  { code: "tl", label: "Tagalog" },
  { code: "ar", label: "Arabic" },
  { code: "fr", label: "French" },
  { code: "ko", label: "Korean" },
  { code: "ru", label: "Russian" },
  { code: "pt", label: "Portuguese" },
] as const;
