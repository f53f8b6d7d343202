import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { OverviewRange, ResultRow } from "./overview-range";
import { settledBefore } from "./settle-overview";

/**
 * Results per rule set and per step over the period, counted on the day things happened:
 * sets started under the rule set / reached by the step's message, and sets paid, each
 * paid set credited to its rule set and to the last step sent before it was paid (so a
 * step's rate says how often that message was the one that worked), with the dollars paid on
 * those sets and the median whole days from the start (rule set) or that step's message
 * (step) to the payment. Events before the clinic's mark come from overview_result_days, later ones live.
 */
export async function loadResults(db: Executor, range: OverviewRange): Promise<ResultRow[]> {
  const mark = await settledBefore(db, range.clinicId);
  const rows = await executeRows<Record<string, string | number | null>>(
    db,
    sql`
      select g.rule_set_id, rs.title as rule_set_title, g.rule_id, r.title as rule_title, r.delay_days,
             g.days_to_pay, g.sets, g.paid, g.cents
      from (
        select rule_set_id, rule_id, days_to_pay, sum(sets) as sets, sum(paid) as paid, sum(collected_cents) as cents
        from (
          select rule_set_id, rule_id, days_to_pay, sets, paid, collected_cents
          from overview_result_days
          where clinic_id = ${range.clinicId} and day >= ${range.fromDay}::date and day <= ${range.toDay}::date
          union all
          select rule_set_id, rule_id, days_to_pay, sets, paid, collected_cents
          from overview_result_days(${range.clinicId}, ${range.timeZone}, greatest(${range.from.toISOString()}::timestamptz, ${mark}::timestamptz), ${range.to.toISOString()}::timestamptz)
        ) days
        group by 1, 2, 3
      ) g
      join rule_sets rs on rs.id = g.rule_set_id and rs.clinic_id = ${range.clinicId}
      left join rules r on r.id = g.rule_id and r.clinic_id = ${range.clinicId}`,
  );
  const lines = new Map<string, ResultRow & { daysToPay: Map<number, number> }>();
  for (const row of rows) {
    const key = `${row.rule_set_id}:${row.rule_id ?? ""}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        ruleSetId: String(row.rule_set_id),
        ruleSetTitle: String(row.rule_set_title),
        ruleId: row.rule_id === null ? null : String(row.rule_id),
        ruleTitle: row.rule_title === null ? null : String(row.rule_title),
        delayDays: row.delay_days === null ? null : Number(row.delay_days),
        sets: 0,
        paid: 0,
        collectedCents: 0,
        medianDaysToPay: null,
        daysToPay: new Map(),
      };
      lines.set(key, line);
    }
    line.sets += Number(row.sets);
    line.paid += Number(row.paid);
    line.collectedCents += Number(row.cents);
    if (row.days_to_pay !== null) line.daysToPay.set(Number(row.days_to_pay), Number(row.paid));
  }
  const results = [...lines.values()].map(({ daysToPay, ...line }) => ({
    ...line,
    medianDaysToPay: median(daysToPay),
  }));
  // Each rule set's line first, then its steps by day.
  return results.sort(
    (a, b) =>
      a.ruleSetTitle.localeCompare(b.ruleSetTitle) ||
      a.ruleSetId.localeCompare(b.ruleSetId) ||
      (a.delayDays ?? -1) - (b.delayDays ?? -1),
  );
}

/** The median of whole-day counts (`days → how many sets`), halfway between the middle two when even. */
function median(counts: Map<number, number>): number | null {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const sorted = [...counts.entries()].sort(([a], [b]) => a - b);
  const at = (rank: number) => {
    let seen = 0;
    for (const [days, n] of sorted) {
      seen += n;
      if (seen > rank) return days;
    }
    return sorted[sorted.length - 1]?.[0] ?? 0;
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}
