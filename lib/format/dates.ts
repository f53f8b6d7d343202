import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** A moment as a date (and optionally time) in a zone: "Nov 21, 2026" / "Nov 21, 2026, 3:04 PM". */
export function formatMoment(date: Date | null, timeZone: string, withTime = false): string {
  if (!date) return "—";
  return format(new TZDate(date, timeZone), withTime ? "MMM d, yyyy, h:mm a" : "MMM d, yyyy");
}

/** A calendar day stored as YYYY-MM-DD, shown as "Nov 21, 2026" (no zone shift: it is a day, not a moment). */
export function formatDay(day: string | null): string {
  if (!day) return "—";
  const [y, m, d] = day.split("-").map(Number);
  return format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1), "MMM d, yyyy");
}
