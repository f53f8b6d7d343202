import { TZDate, tzName } from "@date-fns/tz";
import { addDays, format } from "date-fns";

// The one place that turns moments and calendar days into text or into other days: every
// page, email and use case shows a date the same way.

const DATE = "MMM d, yyyy";

// Moments in a zone are formatted by Intl directly, one formatter per zone kept for the
// process: the same text as date-fns' "MMM d, yyyy" and "h:mm a" on a TZDate, at a tenth
// of the cost (a list page formats a hundred of them).
const ZONED = {
  date: { month: "short", day: "numeric", year: "numeric" },
  time: { hour: "numeric", minute: "2-digit", hour12: true },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const zonedFormats = new Map<string, Intl.DateTimeFormat>();

function formatZoned(moment: Date, timeZone: string, kind: keyof typeof ZONED): string {
  const key = `${kind} ${timeZone}`;
  let formatter = zonedFormats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { ...ZONED[kind], timeZone });
    zonedFormats.set(key, formatter);
  }
  // ICU puts a narrow no-break space before AM/PM; pages, emails and texts use a plain one.
  return formatter.format(moment).replace(/[\u202f\u00a0]/g, " ");
}

/** A moment as the date on the zone's calendar: "Nov 21, 2026" ("—" when there is none). */
export function formatDateInZone(moment: Date | null, timeZone: string): string {
  return moment ? formatZoned(moment, timeZone, "date") : "—";
}

/** A moment as the time of day in a zone: "3:04 PM". */
export function formatTimeInZone(moment: Date, timeZone: string): string {
  return formatZoned(moment, timeZone, "time");
}

/** A moment as date and time in a zone: "Nov 21, 2026, 3:04 PM" ("—" when there is none). */
export function formatDateTimeInZone(moment: Date | null, timeZone: string): string {
  return moment ? `${formatZoned(moment, timeZone, "date")}, ${formatZoned(moment, timeZone, "time")}` : "—";
}

/** Date and time with the zone's short name as staff know it ("… 2:21 PM EST", not "GMT-5"). */
export function formatDateTimeWithZoneName(moment: Date, timeZone: string): string {
  return `${formatDateTimeInZone(moment, timeZone)} ${tzName(timeZone, moment, "short")}`;
}

/** A calendar day stored as YYYY-MM-DD (a service or due date) has no zone: shown as written. */
export function formatCalendarDate(day: string | null): string {
  if (!day) return "—";
  const [year, month, date] = day.split("-").map(Number);
  if (!year || !month || !date) return day;
  return format(new Date(year, month - 1, date), DATE);
}

/** The calendar day (YYYY-MM-DD) a moment falls on in a zone, optionally `plusDays` later. */
export function calendarDateInZone(moment: Date, timeZone: string, plusDays = 0): string {
  return format(addDays(new TZDate(moment.getTime(), timeZone), plusDays), "yyyy-MM-dd");
}

/** Noon of a calendar day (YYYY-MM-DD) in a zone: a moment that stays on that day wherever it is shown nearby. */
export function noonOfCalendarDate(day: string, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(new TZDate(year ?? 1970, (month ?? 1) - 1, date ?? 1, 12, 0, 0, timeZone).getTime());
}

/**
 * The first moment of a calendar day (YYYY-MM-DD) in a zone, or of the day `plusDays` later
 * ("Pause until", installment due dates, and day filters, whose "to" day ends where the next begins).
 */
export function startOfCalendarDate(day: string, timeZone: string, plusDays = 0): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(new TZDate(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + plusDays, 0, 0, 0, timeZone).getTime());
}
