import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { parsePhoneNumberFromString } from "libphonenumber-js";

/** A moment, shown as the date on the patient's own calendar. */
export function formatDateInZone(moment: Date, timeZone: string): string {
  return format(new TZDate(moment.getTime(), timeZone), "MMM d, yyyy");
}

/** A calendar date (YYYY-MM-DD, e.g. a service date) has no zone: shown as written. */
export function formatCalendarDate(value: string | null): string {
  if (!value) return "—";
  const [year, month, day] = value.split("-").map(Number);
  if (!year || !month || !day) return value;
  return format(new Date(year, month - 1, day), "MMM d, yyyy");
}

export function formatPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatNational() ?? phone;
}

export const PAYMENT_METHOD_LABELS: Record<string, string> = {
  card: "Card",
  cash: "Cash",
  check: "Check",
  ach: "Bank transfer",
};
