import { z } from "zod";
import { calendarDateInZone, formatCalendarDate, startOfCalendarDate } from "@/lib/format/dates";
import type { PauseOptions } from "@/lib/state-machine/plan-invoice-set-transition";

/** The longest a set may wait to resume by itself. */
const MAX_PAUSE_DAYS = 366;

/** "Pause until" as the Pause dialog sends it: an optional date and reason ("" = none). */
export const pauseInput = z.object({
  resumeOn: z.union([z.literal(""), z.iso.date("Enter the resume date as a calendar date (YYYY-MM-DD).")]).optional(),
  reason: z.string().trim().max(120, "Keep the reason under 120 characters.").optional(),
});
export type PauseInput = z.infer<typeof pauseInput>;

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
  if (resumeOn > calendarDateInZone(now, timeZone, MAX_PAUSE_DAYS))
    return { ok: false, field: "resumeOn", message: "Pick a resume date within a year." };
  const until = `until ${formatCalendarDate(resumeOn)}`;
  return {
    ok: true,
    pause: { resumeAt: startOfCalendarDate(resumeOn, timeZone), reason },
    note: reason ? `${until} (${reason})` : until,
  };
}
