import { describe, expect, test } from "vitest";
import { loadAging } from "@/lib/overview/load-aging";
import { loadFunnel } from "@/lib/overview/load-funnel";
import { loadResults } from "@/lib/overview/load-results";
import { loadWeeklyCollections } from "@/lib/overview/load-weekly-collections";
import { JUNE_FUNNEL, withJuneClinic } from "../support/overview-june";

const june = withJuneClinic();

describe("Overview queries against a hand-computed June", () => {
  test("the period is the clinic's days, both included", () => {
    expect(june.range.from.toISOString()).toBe("2026-06-01T04:00:00.000Z");
    expect(june.range.to.toISOString()).toBe("2026-07-01T04:00:00.000Z");
  });

  test("aging buckets count open sets with a balance by age", async () => {
    expect(await loadAging(june.database.db, june.range)).toEqual([
      { bucket: "0–30", sets: 1, cents: 10000 },
      { bucket: "31–60", sets: 1, cents: 5000 },
      { bucket: "61–90", sets: 0, cents: 0 },
      { bucket: "90+", sets: 1, cents: 2500 },
    ]);
  });

  test("the funnel by channel", async () => {
    expect(await loadFunnel(june.database.db, june.range)).toEqual(JUNE_FUNNEL);
  });

  test("results per rule set and per step (a paid set counts for the last step before it paid)", async () => {
    const [day0, day7] = june.clinic.ruleIds;
    expect(await loadResults(june.database.db, june.range)).toEqual([
      {
        ruleSetId: june.clinic.ruleSetId,
        ruleSetTitle: "Standard",
        ruleId: null,
        ruleTitle: null,
        delayDays: null,
        sets: 4,
        paid: 2,
        collectedCents: 11000,
        medianDaysToPay: 7,
      },
      {
        ruleSetId: june.clinic.ruleSetId,
        ruleSetTitle: "Standard",
        ruleId: day0,
        ruleTitle: "Your statement",
        delayDays: 0,
        sets: 3,
        paid: 1,
        collectedCents: 3000,
        medianDaysToPay: 4,
      },
      {
        ruleSetId: june.clinic.ruleSetId,
        ruleSetTitle: "Standard",
        ruleId: day7,
        ruleTitle: "Reminder",
        delayDays: 7,
        // S2 (started in May) and S4: reached by the day-7 text in June.
        sets: 2,
        paid: 1,
        collectedCents: 8000,
        medianDaysToPay: 3,
      },
    ]);
  });

  test("collections per week (Mondays in New York), empty weeks included", async () => {
    expect(await loadWeeklyCollections(june.database.db, june.range)).toEqual([
      { week: "2026-06-01", cents: 3000 },
      { week: "2026-06-08", cents: 8000 },
      { week: "2026-06-15", cents: 0 },
      { week: "2026-06-22", cents: 0 },
      { week: "2026-06-29", cents: 0 },
    ]);
  });
});
