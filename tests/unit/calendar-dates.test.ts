import { describe, expect, test } from "vitest";
import { formatDateInZone, formatDateTimeInZone, formatTimeInZone, startOfCalendarDate } from "@/lib/format/dates";

describe("startOfCalendarDate: where a clinic's calendar day starts", () => {
  test("a day filter's inclusive 'to' day ends where the next day starts, across DST and year ends", () => {
    // Mar 8, 2026 is 23 hours long in New York: the next day starts at 04:00Z, not 05:00Z.
    expect(startOfCalendarDate("2026-03-07", "America/New_York", 1).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfCalendarDate("2026-03-08", "America/New_York", 1).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfCalendarDate("2026-12-31", "Pacific/Auckland", 1).toISOString()).toBe("2026-12-31T11:00:00.000Z");
    expect(startOfCalendarDate("2026-02-28", "UTC", 1).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("moments shown in a clinic's zone", () => {
  const at = (iso: string) => new Date(iso);

  test("the date is the zone's calendar day, not the server's", () => {
    expect(formatDateInZone(at("2026-11-21T06:30:00Z"), "America/Los_Angeles")).toBe("Nov 20, 2026");
    expect(formatDateInZone(at("2026-11-21T06:30:00Z"), "Asia/Kolkata")).toBe("Nov 21, 2026");
    expect(formatDateInZone(at("2026-09-01T12:00:00Z"), "UTC")).toBe("Sep 1, 2026");
    expect(formatDateInZone(null, "UTC")).toBe("—");
  });

  test("times read as staff write them: 12-hour, plain spaces, across a DST change and odd offsets", () => {
    expect(formatTimeInZone(at("2026-03-08T06:59:00Z"), "America/New_York")).toBe("1:59 AM");
    expect(formatTimeInZone(at("2026-03-08T07:00:00Z"), "America/New_York")).toBe("3:00 AM");
    expect(formatTimeInZone(at("2026-06-01T04:00:00Z"), "America/New_York")).toBe("12:00 AM");
    expect(formatTimeInZone(at("2026-06-01T16:05:00Z"), "America/New_York")).toBe("12:05 PM");
    expect(formatTimeInZone(at("2026-06-01T12:00:00Z"), "Asia/Kathmandu")).toBe("5:45 PM");
    expect(formatDateTimeInZone(at("2026-11-21T20:04:00Z"), "America/Chicago")).toBe("Nov 21, 2026, 2:04 PM");
    expect(formatDateTimeInZone(null, "UTC")).toBe("—");
  });
});
