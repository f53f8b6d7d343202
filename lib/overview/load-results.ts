import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { OverviewRange, ResultRow } from "./overview-range";

/**
 * Results per rule set (sets started in the period) and per step: a paid set counts for
 * the last step sent before it was paid, so each step's collection rate says how often
 * that message was the one that worked. Days to pay count from the set's start (rule set)
 * or from that step's message (step). A set's messages go out after it starts, so its steps
 * are read from the period's start on (messages_clinic_sent_idx) instead of every message.
 */
export async function loadResults(db: Executor, range: OverviewRange): Promise<ResultRow[]> {
  const rows = await executeRows<Record<string, string | number | null>>(
    db,
    sql`
      with sets as materialized (
        select id, rule_set_id, status, created_at, closed_at
        from invoice_sets
        where clinic_id = ${range.clinicId} and created_at >= ${range.from.toISOString()}::timestamptz and created_at < ${range.to.toISOString()}::timestamptz
      ),
      collected as (
        select i.invoice_set_id, sum(p.amount_cents) as cents
        from payments p
        join invoices i on i.id = p.invoice_id and i.clinic_id = ${range.clinicId}
        join sets s on s.id = i.invoice_set_id
        where p.clinic_id = ${range.clinicId}
        group by i.invoice_set_id
      ),
      steps as (
        select m.invoice_set_id, m.rule_id, min(m.sent_at) as sent_at
        from messages m
        join sets s on s.id = m.invoice_set_id
        where m.clinic_id = ${range.clinicId} and m.sent_at >= ${range.from.toISOString()}::timestamptz and m.rule_id is not null
        group by m.invoice_set_id, m.rule_id
      ),
      deciding as (
        select distinct on (st.invoice_set_id) st.invoice_set_id, st.rule_id, st.sent_at
        from steps st
        join sets s on s.id = st.invoice_set_id
        where s.status = 'paid' and st.sent_at <= s.closed_at
        order by st.invoice_set_id, st.sent_at desc
      )
      select rs.id as "ruleSetId", rs.title as "ruleSetTitle", null as "ruleId", null as "ruleTitle",
             null as "delayDays", count(*) as sets, count(*) filter (where s.status = 'paid') as paid,
             coalesce(sum(c.cents), 0) as "collectedCents",
             percentile_cont(0.5) within group (order by extract(epoch from s.closed_at - s.created_at) / 86400)
               filter (where s.status = 'paid') as "medianDaysToPay"
      from sets s
      join rule_sets rs on rs.id = s.rule_set_id
      left join collected c on c.invoice_set_id = s.id
      group by rs.id, rs.title
      union all
      select r.rule_set_id, rs.title, r.id, r.title, r.delay_days, count(*),
             count(d.invoice_set_id),
             coalesce(sum(c.cents) filter (where d.invoice_set_id is not null), 0),
             percentile_cont(0.5) within group (order by extract(epoch from s.closed_at - d.sent_at) / 86400)
               filter (where d.invoice_set_id is not null)
      from steps st
      join rules r on r.id = st.rule_id
      join rule_sets rs on rs.id = r.rule_set_id
      join sets s on s.id = st.invoice_set_id
      left join deciding d on d.invoice_set_id = st.invoice_set_id and d.rule_id = st.rule_id
      left join collected c on c.invoice_set_id = st.invoice_set_id
      group by r.rule_set_id, rs.title, r.id, r.title, r.delay_days`,
  );
  const results = rows.map(
    (row): ResultRow => ({
      ruleSetId: String(row.ruleSetId),
      ruleSetTitle: String(row.ruleSetTitle),
      ruleId: row.ruleId === null ? null : String(row.ruleId),
      ruleTitle: row.ruleTitle === null ? null : String(row.ruleTitle),
      delayDays: row.delayDays === null ? null : Number(row.delayDays),
      sets: Number(row.sets),
      paid: Number(row.paid),
      collectedCents: Number(row.collectedCents),
      medianDaysToPay: row.medianDaysToPay === null ? null : Math.round(Number(row.medianDaysToPay) * 10) / 10,
    }),
  );
  // Each rule set's line first, then its steps by day.
  return results.sort(
    (a, b) =>
      a.ruleSetTitle.localeCompare(b.ruleSetTitle) ||
      a.ruleSetId.localeCompare(b.ruleSetId) ||
      (a.delayDays ?? -1) - (b.delayDays ?? -1),
  );
}
