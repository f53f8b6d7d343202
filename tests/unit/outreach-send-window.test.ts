import { describe, expect, test } from "vitest";
import { computeSendTime, moveIntoSendWindow, ruleDueAt } from "@/lib/outreach/send-window";

const iso = (date: Date) => date.toISOString();

describe("moveIntoSendWindow (default 9:00–20:00, Monday–Saturday, patient's zone)", () => {
  test.each([
    ["inside the window stays put", "2026-01-13T15:30:00Z", "America/New_York", "2026-01-13T15:30:00.000Z"],
    [
      "23:00 Tuesday in New York → Wednesday 9:00",
      "2026-01-14T04:00:00Z",
      "America/New_York",
      "2026-01-14T14:00:00.000Z",
    ],
    [
      "23:00 Saturday in Los Angeles → Monday 9:00 (Sunday is off)",
      "2026-01-18T07:00:00Z",
      "America/Los_Angeles",
      "2026-01-19T17:00:00.000Z",
    ],
    ["07:00 in Tokyo → 9:00 the same day", "2026-01-12T22:00:00Z", "Asia/Tokyo", "2026-01-13T00:00:00.000Z"],
    ["10:30 in Kolkata (half-hour zone) stays", "2026-01-13T05:00:00Z", "Asia/Kolkata", "2026-01-13T05:00:00.000Z"],
    ["exactly 20:00 is outside → next morning", "2026-01-14T01:00:00Z", "America/New_York", "2026-01-14T14:00:00.000Z"],
    ["Sunday noon → Monday 9:00", "2026-01-18T17:00:00Z", "America/New_York", "2026-01-19T14:00:00.000Z"],
    [
      "DST starts: Saturday 21:00 EST → Monday 9:00 EDT",
      "2026-03-08T02:00:00Z",
      "America/New_York",
      "2026-03-09T13:00:00.000Z",
    ],
    [
      "DST ends: Saturday 20:30 EDT → Monday 9:00 EST",
      "2026-11-01T00:30:00Z",
      "America/New_York",
      "2026-11-02T14:00:00.000Z",
    ],
    [
      "London spring forward: Saturday 22:00 GMT → Monday 9:00 BST",
      "2026-03-28T22:00:00Z",
      "Europe/London",
      "2026-03-30T08:00:00.000Z",
    ],
  ])("%s", (_name, at, zone, expected) => {
    expect(iso(moveIntoSendWindow(new Date(at), zone))).toBe(expected);
  });

  test("a clinic's own window and days apply (8:00–17:00, Monday–Friday)", () => {
    const window = { startMinute: 8 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] };
    // Friday 18:00 in Chicago → Monday 8:00
    expect(iso(moveIntoSendWindow(new Date("2026-01-17T00:00:00Z"), "America/Chicago", window))).toBe(
      "2026-01-19T14:00:00.000Z",
    );
  });

  test("the same instant lands differently for patients in different zones", () => {
    const at = new Date("2026-01-14T03:00:00Z"); // 22:00 New York, 19:00 Los Angeles
    expect(iso(moveIntoSendWindow(at, "America/New_York"))).toBe("2026-01-14T14:00:00.000Z");
    expect(iso(moveIntoSendWindow(at, "America/Los_Angeles"))).toBe("2026-01-14T03:00:00.000Z");
  });
});

describe("ruleDueAt / computeSendTime", () => {
  test("delay days keep the wall-clock time across a DST change", () => {
    // Saturday 10:00 EST + 2 days = Monday 10:00 EDT
    expect(iso(ruleDueAt(new Date("2026-03-07T15:00:00Z"), 2, "America/New_York"))).toBe("2026-03-09T14:00:00.000Z");
  });

  test("a rule due at 23:00 patient time goes the next morning", () => {
    const started = new Date("2026-01-06T04:00:00Z"); // Monday 23:00 New York
    expect(iso(computeSendTime({ sequenceStartedAt: started, delayDays: 7, timeZone: "America/New_York" }))).toBe(
      "2026-01-13T14:00:00.000Z",
    );
  });

  test("never earlier than notBefore (a resumed sequence sends as soon as allowed)", () => {
    const started = new Date("2026-01-05T15:00:00Z");
    const notBefore = new Date("2026-01-20T16:00:00Z"); // Tuesday 11:00 New York
    expect(
      iso(computeSendTime({ sequenceStartedAt: started, delayDays: 3, timeZone: "America/New_York", notBefore })),
    ).toBe("2026-01-20T16:00:00.000Z");
  });
});
