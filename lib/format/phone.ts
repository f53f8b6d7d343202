import { parsePhoneNumberFromString } from "libphonenumber-js";

/** "+16175550123" → "(617) 555-0123"; a number the library cannot read is shown as stored. */
export function formatPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatNational() ?? phone;
}
