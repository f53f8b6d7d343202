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

/** Phone → E.164 (US numbers may be typed without +1), or null when it is not a number. */
export function toE164(value: string): string | null {
  const phone = parsePhoneNumberFromString(value, "US");
  return phone?.isValid() ? phone.number : null;
}

/** Empty, null and missing all mean "none" (forms send "", the API null). */
const blankable = z
  .string()
  .nullish()
  .transform((value) => (value ?? "").trim());

/** Phone → E.164; empty means none. */
export const phoneSchema = blankable.transform((value, ctx) => {
  if (value === "") return null;
  const phone = toE164(value);
  if (!phone) {
    ctx.addIssue({ code: "custom", message: "Enter a valid phone number, e.g. (202) 555-0143 or +44 20 7946 0958." });
    return z.NEVER;
  }
  return phone;
});

export const emailSchema = blankable
  .transform((value) => (value === "" ? null : value.toLowerCase()))
  .pipe(z.email("Enter a valid email address, e.g. name@example.com.").max(254).nullable());

export const timeZoneSchema = z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list.");

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

export function timeZoneOptions(current: string | null): string[] {
  return [
    ...new Set<string>([...(current ? [current] : []), ...COMMON_TIME_ZONES, ...Intl.supportedValuesOf("timeZone")]),
  ];
}

/** How a patient without a zone of their own reads: "Clinic's time zone (America/New York)". */
export function clinicTimeZoneLabel(clinicTimeZone: string): string {
  return `Clinic's time zone (${clinicTimeZone.replaceAll("_", " ")})`;
}
