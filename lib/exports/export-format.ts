import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export const EXPORT_BATCH_SIZE = 1000;

/** A moment as a spreadsheet reads it, in the clinic's zone: "2026-11-22 14:21". */
export function exportMoment(date: Date | null, timeZone: string): string {
  return date ? format(new TZDate(date, timeZone), "yyyy-MM-dd HH:mm") : "";
}

/** 12550 → "125.50": no currency sign or thousands separator, so spreadsheets read a number. */
export function exportAmount(cents: number | null): string {
  return cents === null ? "" : (cents / 100).toFixed(2);
}

export function exportFilename(what: string, now = new Date()): string {
  return `${what}-${now.toISOString().slice(0, 10)}.csv`;
}
