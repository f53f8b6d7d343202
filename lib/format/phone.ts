import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * A stored E.164 number as people read it: "+16175550123" → "(617) 555-0123" at home,
 * "+442079460958" → "+44 20 7946 0958" abroad; a number the library cannot read is shown as stored.
 */
export function formatPhone(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return phone;
  return parsed.country === "US" ? parsed.formatNational() : parsed.formatInternational();
}
