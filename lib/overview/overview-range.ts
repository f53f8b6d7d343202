import { TZDate } from "@date-fns/tz";
import { addDays, addWeeks, format, startOfWeek, subDays, subYears } from "date-fns";
import { z } from "zod";
import type { ClinicScope } from "@/lib/clinics/clinic-scope";

export interface OverviewRange {
  clinicId: string;
  /** Inclusive start and exclusive end of the period, as instants. */
  from: Date;
  to: Date;
  /** The same period as its first and last day in the clinic's time zone (YYYY-MM-DD). */
  fromDay: string;
  toDay: string;
  /** "Now" for the aging buckets (a parameter so tests can fix it). */
  now: Date;
  /** The clinic's time zone: weeks start on Monday there. */
  timeZone: string;
}

export const AGING_BUCKETS = ["0–30", "31–60", "61–90", "90+"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface AgingRow {
  bucket: AgingBucket;
  sets: number;
  cents: number;
}

export interface FunnelRow {
  channel: "sms" | "email";
  sent: number;
  delivered: number;
  linkOpened: number;
  identityConfirmed: number;
  paid: number;
}

export interface ResultRow {
  ruleSetId: string;
  ruleSetTitle: string;
  /** Null for the rule set's own line; the rule (step) otherwise. */
  ruleId: string | null;
  ruleTitle: string | null;
  delayDays: number | null;
  /** Sets counted: started in the period (rule set) or reached by this step. */
  sets: number;
  paid: number;
  collectedCents: number;
  medianDaysToPay: number | null;
}

export interface WeekRow {
  /** Monday of the week in the clinic's time zone, YYYY-MM-DD. */
  week: string;
  cents: number;
}

/** Days the Overview can show: a clinic's billing history, not any date the calendar allows. */
const day = z.iso
  .date()
  .refine((value) => value >= "2000-01-01" && value <= "2099-12-31", "Choose a day between 2000 and 2099.");
/** Five years: about 260 weekly bars. */
const LONGEST_PERIOD_YEARS = 5;

/** Midnight at the start of a YYYY-MM-DD day in a time zone. */
function startOfDayIn(isoDay: string, timeZone: string): TZDate {
  const [year = 0, month = 1, date = 1] = isoDay.split("-").map(Number);
  return new TZDate(year, month - 1, date, timeZone);
}

/**
 * The Overview's period from the URL (`from`, `to`: days in the clinic's time zone, both
 * included). A missing or bad value (or a day outside 2000–2099) falls back to the last 90
 * days; a reversed range is swapped; a period longer than five years keeps its last five.
 */
export function overviewRange(params: { from?: unknown; to?: unknown }, clinic: ClinicScope, now: Date): OverviewRange {
  const today = format(new TZDate(now, clinic.timeZone), "yyyy-MM-dd");
  const parsedTo = day.safeParse(params.to);
  const parsedFrom = day.safeParse(params.from);
  let toDay = parsedTo.success ? parsedTo.data : today;
  let fromDay = parsedFrom.success
    ? parsedFrom.data
    : format(subDays(startOfDayIn(toDay, clinic.timeZone), 89), "yyyy-MM-dd");
  if (fromDay > toDay) [fromDay, toDay] = [toDay, fromDay];
  const earliest = format(
    addDays(subYears(startOfDayIn(toDay, clinic.timeZone), LONGEST_PERIOD_YEARS), 1),
    "yyyy-MM-dd",
  );
  if (fromDay < earliest) fromDay = earliest;
  const from = new Date(startOfDayIn(fromDay, clinic.timeZone).getTime());
  const to = new Date(addDays(startOfDayIn(toDay, clinic.timeZone), 1).getTime());
  return { clinicId: clinic.clinicId, timeZone: clinic.timeZone, from, to, now, fromDay, toDay };
}

/** The Mondays (clinic time zone) of every week that overlaps the period. */
export function weeksBetween(range: Pick<OverviewRange, "from" | "to" | "timeZone">): string[] {
  const weeks: string[] = [];
  for (
    let week = startOfWeek(new TZDate(range.from, range.timeZone), { weekStartsOn: 1 });
    week.getTime() < range.to.getTime();
    week = addWeeks(week, 1)
  ) {
    weeks.push(format(week, "yyyy-MM-dd"));
  }
  return weeks;
}
