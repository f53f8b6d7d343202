import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { FunnelRow, OverviewRange } from "./overview-range";
import { settledBefore } from "./settle-overview";

/**
 * The outreach funnel per channel over the period, each stage counted on the day it
 * happened: messages sent (and of those, delivered), then sets whose link was opened for the
 * first time, whose patient first confirmed their identity, and that were paid, each counted
 * for every channel that had messaged the set before that moment. Events before the clinic's
 * mark come from overview_funnel_days, later ones live from the same SQL function.
 */
export async function loadFunnel(db: Executor, range: OverviewRange): Promise<FunnelRow[]> {
  const mark = await settledBefore(db, range.clinicId);
  const rows = await executeRows<Record<keyof FunnelRow, string | number>>(
    db,
    sql`
      select channel, sum(sent) as sent, sum(delivered) as delivered, sum(link_opened) as "linkOpened",
             sum(identity_confirmed) as "identityConfirmed", sum(paid) as paid
      from (
        select channel, sent, delivered, link_opened, identity_confirmed, paid
        from overview_funnel_days
        where clinic_id = ${range.clinicId} and day >= ${range.fromDay}::date and day <= ${range.toDay}::date
        union all
        select channel, sent, delivered, link_opened, identity_confirmed, paid
        from overview_funnel_days(${range.clinicId}, ${range.timeZone}, greatest(${range.from.toISOString()}::timestamptz, ${mark}::timestamptz), ${range.to.toISOString()}::timestamptz)
      ) days
      group by channel
      order by channel`,
  );
  return rows.map((row) => ({
    channel: row.channel as FunnelRow["channel"],
    sent: Number(row.sent),
    delivered: Number(row.delivered),
    linkOpened: Number(row.linkOpened),
    identityConfirmed: Number(row.identityConfirmed),
    paid: Number(row.paid),
  }));
}
