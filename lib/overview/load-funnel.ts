import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { FunnelRow, OverviewRange } from "./overview-range";

/**
 * The outreach funnel per channel for messages sent in the period: messages sent and
 * delivered, then the sets those messages reached whose link was opened, whose patient
 * confirmed their identity, and that were paid, each after the channel's first message.
 * One pass over the period's messages (an index-only scan), each looked up in two small
 * hash tables: the sets' latest link events, and the paid sets closed since the period
 * began. A set counts when any of its messages on the channel came before the event,
 * which is the same as its first message on the channel in the period doing so.
 */
export async function loadFunnel(db: Executor, range: OverviewRange): Promise<FunnelRow[]> {
  const from = range.from.toISOString();
  const rows = await executeRows<Record<keyof FunnelRow, string | number>>(
    db,
    sql`
      with links as (
        select invoice_set_id,
               max(occurred_at) filter (where kind = 'link_opened') as opened,
               max(occurred_at) filter (where kind = 'identity_check' and summary like 'Identity confirmed%') as confirmed
        from timeline_events
        where clinic_id = ${range.clinicId} and kind in ('link_opened', 'identity_check') and occurred_at >= ${from}::timestamptz
        group by invoice_set_id
      ),
      paid as (
        select id, closed_at from invoice_sets
        where clinic_id = ${range.clinicId} and status = 'paid' and closed_at >= ${from}::timestamptz
      ),
      -- Only sets with a link event or a payment keep their own group; the rest fold into one per channel.
      per_set as (
        select m.channel,
               case when l.invoice_set_id is not null or p.id is not null then m.invoice_set_id end as set_id,
               count(*) as sent,
               count(*) filter (where m.status = 'delivered') as delivered,
               bool_or(l.opened >= m.sent_at) as opened,
               bool_or(l.confirmed >= m.sent_at) as confirmed,
               bool_or(p.closed_at >= m.sent_at) as paid
        from messages m
        left join links l on l.invoice_set_id = m.invoice_set_id
        left join paid p on p.id = m.invoice_set_id
        where m.clinic_id = ${range.clinicId} and m.sent_at >= ${from}::timestamptz and m.sent_at < ${range.to.toISOString()}::timestamptz
        group by 1, 2
      )
      select channel, sum(sent) as sent, sum(delivered) as delivered,
             count(*) filter (where opened) as "linkOpened",
             count(*) filter (where confirmed) as "identityConfirmed",
             count(*) filter (where paid) as paid
      from per_set
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
