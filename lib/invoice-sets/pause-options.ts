import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { formatCalendarDate } from "@/lib/patient-portal/format";
import type { PauseOptions } from "@/lib/state-machine/plan-invoice-set-transition";

/** The longest a set may wait to resume by itself. */
const MAX_PAUSE_DAYS = 366;

/** "Pause until" as the Pause dialog sends it: an optional date and reason ("" = none). */
export const pauseInput = z.object({
  resumeOn: z.union([z.literal(""), z.iso.date("Enter the resume date as a calendar date (YYYY-MM-DD).")]).optional(),
  reason: z.string().trim().max(120, "Keep the reason under 120 characters.").optional(),
});
export type PauseInput = z.infer<typeof pauseInput>;

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function calendarDateInZone(now: Date, timeZone: string): string {
  const local = new TZDate(now.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The first moment of a calendar date in a time zone. */
export function startOfDateInZone(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(new TZDate(year ?? 0, (month ?? 1) - 1, day ?? 1, 0, 0, 0, 0, timeZone).getTime());
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * Turns the dialog's date and reason into what the planner stores: the set resumes at the
 * start of that day in the clinic's zone. The date must be after today there and within a
 * year. Returns a field-level message instead when it is not.
 */
export function toPauseOptions(
  input: PauseInput,
  timeZone: string,
  now: Date,
): { ok: true; pause: PauseOptions; note: string | undefined } | { ok: false; field: "resumeOn"; message: string } {
  const reason = input.reason ? input.reason : null;
  const resumeOn = input.resumeOn ? input.resumeOn : null;
  if (!resumeOn) return { ok: true, pause: { resumeAt: null, reason }, note: reason ?? undefined };
  const today = calendarDateInZone(now, timeZone);
  if (resumeOn <= today) return { ok: false, field: "resumeOn", message: "Pick a resume date after today." };
  if (resumeOn > addDays(today, MAX_PAUSE_DAYS))
    return { ok: false, field: "resumeOn", message: "Pick a resume date within a year." };
  const until = `until ${formatCalendarDate(resumeOn)}`;
  return {
    ok: true,
    pause: { resumeAt: startOfDateInZone(resumeOn, timeZone), reason },
    note: reason ? `${until} (${reason})` : until,
  };
}
