import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { FunnelRow, OverviewRange } from "./overview-range";

/**
 * The outreach funnel per channel for messages sent in the period: messages sent and
 * delivered, then the sets those messages reached whose link was opened, whose patient
 * confirmed their identity, and that were paid, each after the channel's first message.
 */
export async function loadFunnel(db: Executor, range: OverviewRange): Promise<FunnelRow[]> {
  const rows = await executeRows<Record<keyof FunnelRow, string | number>>(
    db,
    sql`
      with sent as (
        select channel, invoice_set_id, status, sent_at
        from messages
        where clinic_id = ${range.clinicId} and sent_at >= ${range.from.toISOString()}::timestamptz and sent_at < ${range.to.toISOString()}::timestamptz
      ),
      reached as (
        select channel, invoice_set_id, min(sent_at) as first_sent from sent group by channel, invoice_set_id
      ),
      followed as (
        select r.channel, r.invoice_set_id,
               bool_or(t.kind = 'link_opened') as opened,
               bool_or(t.kind = 'identity_check' and t.summary like 'Identity confirmed%') as confirmed
        from reached r
        join timeline_events t
          on t.invoice_set_id = r.invoice_set_id and t.clinic_id = ${range.clinicId}
         and t.kind in ('link_opened', 'identity_check') and t.occurred_at >= r.first_sent
        group by r.channel, r.invoice_set_id
      )
      select s.channel,
             count(*) as sent,
             count(*) filter (where s.status = 'delivered') as delivered,
             (select count(*) from followed f where f.channel = s.channel and f.opened) as "linkOpened",
             (select count(*) from followed f where f.channel = s.channel and f.confirmed) as "identityConfirmed",
             (select count(*) from reached r join invoice_sets i on i.id = r.invoice_set_id
               where r.channel = s.channel and i.clinic_id = ${range.clinicId}
                 and i.status = 'paid' and i.closed_at >= r.first_sent) as paid
      from sent s
      group by s.channel
      order by s.channel`,
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
