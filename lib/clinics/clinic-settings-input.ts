import { z } from "zod";
import { isValidTimeZone, phoneSchema } from "@/lib/patients/contact-input";

/** An HTML checkbox: "on" when ticked, absent when not. */
const checkbox = z
  .string()
  .max(10)
  .optional()
  .transform((value) => value === "on" || value === "true");

/** The "Clinic" section of /settings. */
export const clinicSettingsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Enter the clinic's name (2 characters or more).")
    .max(120, "Keep it under 120 characters."),
  phone: phoneSchema,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => (value === "" ? null : value))
    .pipe(z.email("Enter a valid email address, e.g. billing@clinic.com.").max(254).nullable()),
  timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list."),
  defaultDueDays: z.coerce
    .number({ error: "Enter a whole number of days." })
    .int("Enter a whole number of days.")
    .min(0, "Use 0 (due on issue) or more.")
    .max(365, "Use 365 days or fewer."),
  patientLinkDays: z.coerce
    .number({ error: "Enter a whole number of days." })
    .int("Enter a whole number of days.")
    .min(1, "A patient link must last at least 1 day.")
    .max(365, "Use 365 days or fewer."),
  requireTwoFactor: checkbox,
});

export type ClinicSettings = z.output<typeof clinicSettingsSchema>;
