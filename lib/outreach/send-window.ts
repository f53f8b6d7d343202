import { TZDate } from "@date-fns/tz";
import { AppError } from "@/lib/errors";

/** The clinic's outreach window, applied in the patient's own time zone. */
export interface SendWindow {
  /** Minutes after local midnight when sending may start (inclusive). */
  startMinute: number;
  /** Minutes after local midnight when sending must stop (exclusive). */
  endMinute: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which messages may go out. */
  days: readonly number[];
}

export const DEFAULT_SEND_WINDOW: SendWindow = { startMinute: 9 * 60, endMinute: 20 * 60, days: [1, 2, 3, 4, 5, 6] };

function isoWeekday(date: TZDate): number {
  const day = date.getDay();
  return day === 0 ? 7 : day;
}

/**
 * The moment `delayDays` calendar days after `startedAt`, counted in the patient's zone
 * (so a DST change keeps the same wall-clock time).
 */
export function ruleDueAt(startedAt: Date, delayDays: number, timeZone: string): Date {
  const local = new TZDate(startedAt.getTime(), timeZone);
  const due = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + delayDays,
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
    timeZone,
  );
  return new Date(due.getTime());
}

/**
 * Moves a moment into the send window in `timeZone`. A message is never dropped: outside
 * the window (at night, or on a day off) it moves to the start of the next allowed slot.
 */
export function moveIntoSendWindow(at: Date, timeZone: string, window: SendWindow = DEFAULT_SEND_WINDOW): Date {
  if (window.days.length === 0) throw new AppError("invalid_input", "A send window needs at least one weekday.");
  if (window.startMinute >= window.endMinute)
    throw new AppError("invalid_input", "A send window must start before it ends.");
  const local = new TZDate(at.getTime(), timeZone);
  const minutes = local.getHours() * 60 + local.getMinutes();
  const startOf = (dayOffset: number) =>
    new Date(
      new TZDate(
        local.getFullYear(),
        local.getMonth(),
        local.getDate() + dayOffset,
        Math.floor(window.startMinute / 60),
        window.startMinute % 60,
        0,
        0,
        timeZone,
      ).getTime(),
    );

  if (window.days.includes(isoWeekday(local)) && minutes < window.endMinute) {
    return minutes >= window.startMinute ? at : startOf(0);
  }
  for (let offset = 1; offset <= 7; offset += 1) {
    const candidate = new TZDate(startOf(offset).getTime(), timeZone);
    if (window.days.includes(isoWeekday(candidate))) return new Date(candidate.getTime());
  }
  throw new AppError("invalid_input", "No allowed weekday in the send window.");
}

/**
 * When a rule's messages go out: its delay from the sequence start, never earlier than
 * `notBefore` (a resumed or late sequence sends as soon as allowed), then moved into the window.
 */
export function computeSendTime(params: {
  sequenceStartedAt: Date;
  delayDays: number;
  timeZone: string;
  window?: SendWindow;
  notBefore?: Date;
}): Date {
  const due = ruleDueAt(params.sequenceStartedAt, params.delayDays, params.timeZone);
  const earliest = params.notBefore && params.notBefore > due ? params.notBefore : due;
  return moveIntoSendWindow(earliest, params.timeZone, params.window);
}
