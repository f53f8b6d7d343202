import { describe, expect, test } from "vitest";
import { startOfCalendarDate } from "@/lib/format/dates";
import { toPauseOptions } from "@/lib/invoice-sets/pause-options";

const NOW = new Date("2026-03-05T15:00:00Z");

describe("Pause until: the date and reason as the planner stores them", () => {
  test("the set resumes at the start of the chosen day in the clinic's zone, across a DST change", () => {
    expect(startOfCalendarDate("2026-03-07", "America/New_York").toISOString()).toBe("2026-03-07T05:00:00.000Z");
    expect(startOfCalendarDate("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfCalendarDate("2026-03-09", "America/Los_Angeles").toISOString()).toBe("2026-03-09T07:00:00.000Z");
  });

  test("a date and a reason give the resume moment and the timeline note", () => {
    const result = toPauseOptions({ resumeOn: "2026-03-15", reason: "Promise to pay" }, "America/New_York", NOW);
    expect(result).toEqual({
      ok: true,
      pause: { resumeAt: new Date("2026-03-15T04:00:00.000Z"), reason: "Promise to pay" },
      note: "until Mar 15, 2026 (Promise to pay)",
    });
  });

  test("no date pauses until staff resume; an empty reason is none", () => {
    expect(toPauseOptions({ resumeOn: "", reason: "" }, "America/New_York", NOW)).toEqual({
      ok: true,
      pause: { resumeAt: null, reason: null },
      note: undefined,
    });
  });

  test("today (in the clinic's zone), the past and more than a year ahead are refused", () => {
    const late = new Date("2026-03-06T03:00:00Z"); // still Mar 5 in New York
    expect(toPauseOptions({ resumeOn: "2026-03-05" }, "America/New_York", late)).toMatchObject({ ok: false });
    expect(toPauseOptions({ resumeOn: "2026-03-06" }, "America/New_York", late)).toMatchObject({ ok: true });
    expect(toPauseOptions({ resumeOn: "2026-01-01" }, "America/New_York", NOW)).toMatchObject({
      ok: false,
      field: "resumeOn",
      message: "Pick a resume date after today.",
    });
    expect(toPauseOptions({ resumeOn: "2027-03-07" }, "America/New_York", NOW)).toMatchObject({
      ok: false,
      message: "Pick a resume date within a year.",
    });
  });
});
