import { describe, expect, test } from "vitest";
import { positionAfterRuleSetChange } from "@/lib/outreach/rule-set-change-position";

const started = new Date("2026-01-05T15:00:00Z");
const day = (n: number) => new Date(started.getTime() + n * 86_400_000);

describe("positionAfterRuleSetChange", () => {
  test.each([
    ["on day 0 starts at the first rule", 0, 0],
    ["on day 5 skips the day-0 and day-3 rules", 5, 2],
    ["on day 7 the day-7 rule is still due", 7, 2],
    ["after every rule only the expiry remains", 40, 4],
  ])("%s", (_name, elapsed, step) => {
    expect(positionAfterRuleSetChange({ status: "active", sequenceStartedAt: started, sequenceCycle: 0, ruleDelays: [0, 3, 7, 14], now: day(elapsed) })).toEqual({
      sequenceStep: step,
      sequenceCycle: 0,
      sequenceStartedAt: started,
      nextSendAt: null,
    });
  });

  test("an Expired set restarts a new cycle from now", () => {
    const now = day(45);
    expect(positionAfterRuleSetChange({ status: "expired", sequenceStartedAt: started, sequenceCycle: 2, ruleDelays: [0, 3], now })).toEqual({
      sequenceStep: 0,
      sequenceCycle: 3,
      sequenceStartedAt: now,
      nextSendAt: null,
    });
  });
});
