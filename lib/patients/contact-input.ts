import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";

/** Whether the runtime knows this IANA time zone (e.g. "America/Chicago"). */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

/** Phone → E.164 (US numbers may be typed without +1); empty means none. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === "") return null;
    const phone = parsePhoneNumberFromString(value, "US");
    if (!phone?.isValid()) {
      ctx.addIssue({ code: "custom", message: "Enter a valid phone number, e.g. (202) 555-0143 or +44 20 7946 0958." });
      return z.NEVER;
    }
    return phone.number;
  });

export const contactInputSchema = z.object({
  patientId: z.uuid(),
  phone: phoneSchema,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => (value === "" ? null : value))
    .pipe(z.email("Enter a valid email address, e.g. name@example.com.").max(254).nullable()),
  timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list."),
});

export type ContactInput = z.output<typeof contactInputSchema>;

/** Zones offered in the form: the US ones first, then every other zone the runtime knows. */
export const COMMON_TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
] as const;
