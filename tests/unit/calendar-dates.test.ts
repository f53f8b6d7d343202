import { describe, expect, test } from "vitest";
import { startOfCalendarDate } from "@/lib/format/dates";

describe("startOfCalendarDate: where a clinic's calendar day starts", () => {
  test("a day filter's inclusive 'to' day ends where the next day starts, across DST and year ends", () => {
    // Mar 8, 2026 is 23 hours long in New York: the next day starts at 04:00Z, not 05:00Z.
    expect(startOfCalendarDate("2026-03-07", "America/New_York", 1).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfCalendarDate("2026-03-08", "America/New_York", 1).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfCalendarDate("2026-12-31", "Pacific/Auckland", 1).toISOString()).toBe("2026-12-31T11:00:00.000Z");
    expect(startOfCalendarDate("2026-02-28", "UTC", 1).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});
