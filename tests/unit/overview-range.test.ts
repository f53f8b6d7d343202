import { describe, expect, test } from "vitest";
import { overviewRange, weeksBetween } from "@/lib/overview/overview-range";

const clinic = { clinicId: "00000000-0000-4000-8000-000000000001", timeZone: "America/New_York" };
const now = new Date("2026-11-29T15:00:00Z");

describe("overviewRange", () => {
  test("no period: the last 90 days up to today in the clinic's zone", () => {
    const range = overviewRange({}, clinic, now);
    expect([range.fromDay, range.toDay]).toEqual(["2026-09-01", "2026-11-29"]);
    expect(range.from.toISOString()).toBe("2026-09-01T04:00:00.000Z");
    expect(range.to.toISOString()).toBe("2026-11-30T05:00:00.000Z");
  });

  test("a reversed period is swapped", () => {
    const range = overviewRange({ from: "2026-10-31", to: "2026-10-01" }, clinic, now);
    expect([range.fromDay, range.toDay]).toEqual(["2026-10-01", "2026-10-31"]);
  });

  test.each(["0000-01-01", "1999-12-31", "2100-01-01", "9999-99-99", "2026-02-30", "x"])(
    "a day the Overview can't show (%s) falls back to the default",
    (bad) => {
      const range = overviewRange({ from: bad, to: bad }, clinic, now);
      expect([range.fromDay, range.toDay]).toEqual(["2026-09-01", "2026-11-29"]);
    },
  );

  test("a period longer than five years keeps its last five", () => {
    const range = overviewRange({ from: "2000-01-01", to: "2026-11-29" }, clinic, now);
    expect(range.fromDay).toBe("2021-11-30");
    expect(weeksBetween(range).length).toBeLessThanOrEqual(262);
  });
});
