CREATE TABLE "overview_collection_days" (
	"clinic_id" uuid NOT NULL,
	"day" date NOT NULL,
	"cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "overview_funnel_days" (
	"clinic_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" "message_channel" NOT NULL,
	"sent" integer NOT NULL,
	"delivered" integer NOT NULL,
	"link_opened" integer NOT NULL,
	"identity_confirmed" integer NOT NULL,
	"paid" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "overview_result_days" (
	"clinic_id" uuid NOT NULL,
	"day" date NOT NULL,
	"rule_set_id" uuid NOT NULL,
	"rule_id" uuid,
	"days_to_pay" integer,
	"sets" integer NOT NULL,
	"paid" integer NOT NULL,
	"collected_cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "overview_settled" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"settled_before" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "payments_clinic_received_idx";--> statement-breakpoint
ALTER TABLE "overview_collection_days" ADD CONSTRAINT "overview_collection_days_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_funnel_days" ADD CONSTRAINT "overview_funnel_days_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_result_days" ADD CONSTRAINT "overview_result_days_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_settled" ADD CONSTRAINT "overview_settled_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "overview_collection_days_clinic_day_idx" ON "overview_collection_days" USING btree ("clinic_id","day");--> statement-breakpoint
CREATE INDEX "overview_funnel_days_clinic_day_idx" ON "overview_funnel_days" USING btree ("clinic_id","day");--> statement-breakpoint
CREATE INDEX "overview_result_days_clinic_day_idx" ON "overview_result_days" USING btree ("clinic_id","day");--> statement-breakpoint
CREATE INDEX "payments_clinic_created_idx" ON "payments" USING btree ("clinic_id","created_at","received_at","amount_cents");
--> statement-breakpoint
-- The Overview's figures for the events in [p_from, p_to), per clinic-zone day: stored in the
-- rollups for events before the clinic's mark, computed live after it (lib/overview/). Each set
-- counts once per stage: on the day of its first link open, its first identity confirmation
-- and its payment, for each channel that had messaged it before that moment.
CREATE FUNCTION overview_funnel_days(p_clinic uuid, p_tz text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (day date, channel message_channel, sent bigint, delivered bigint, link_opened bigint, identity_confirmed bigint, paid bigint)
LANGUAGE sql STABLE AS $$
  with stages as (
    select e.invoice_set_id, e.occurred_at as at, 1 as stage
    from timeline_events e
    where e.clinic_id = p_clinic and e.kind = 'link_opened' and e.occurred_at >= p_from and e.occurred_at < p_to
      and not exists (
        select 1 from timeline_events x
        where x.invoice_set_id = e.invoice_set_id and x.kind = 'link_opened' and (x.occurred_at, x.id) < (e.occurred_at, e.id))
    union all
    select e.invoice_set_id, e.occurred_at, 2
    from timeline_events e
    where e.clinic_id = p_clinic and e.kind = 'identity_check' and e.summary like 'Identity confirmed%'
      and e.occurred_at >= p_from and e.occurred_at < p_to
      and not exists (
        select 1 from timeline_events x
        where x.invoice_set_id = e.invoice_set_id and x.kind = 'identity_check' and x.summary like 'Identity confirmed%'
          and (x.occurred_at, x.id) < (e.occurred_at, e.id))
    union all
    select s.id, s.closed_at, 3
    from invoice_sets s
    where s.clinic_id = p_clinic and s.status = 'paid' and s.closed_at >= p_from and s.closed_at < p_to
  ),
  counts as (
    select (m.sent_at at time zone p_tz)::date as day, m.channel, count(*) as sent,
           count(*) filter (where m.status = 'delivered') as delivered, 0 as opened, 0 as confirmed, 0 as paid
    from messages m
    where m.clinic_id = p_clinic and m.sent_at >= p_from and m.sent_at < p_to
    group by 1, 2
    union all
    select (st.at at time zone p_tz)::date, c.channel, 0, 0,
           count(*) filter (where st.stage = 1), count(*) filter (where st.stage = 2), count(*) filter (where st.stage = 3)
    from stages st
    cross join lateral (
      select distinct m.channel from messages m
      where m.invoice_set_id = st.invoice_set_id and m.clinic_id = p_clinic and m.sent_at <= st.at) c
    group by 1, 2
  )
  select day, channel, sum(sent)::bigint, sum(delivered)::bigint, sum(opened)::bigint, sum(confirmed)::bigint, sum(paid)::bigint
  from counts
  group by day, channel
$$;
--> statement-breakpoint
-- Per rule set (rule_id null) and per step, per clinic-zone day: the sets started on it (rule set)
-- or reached by the step's message on it, and the sets paid on it, with the dollars paid on the
-- set's invoices and the whole days from its start (rule set) or from the last step sent before the payment
-- (the step credited with it) to the payment.
CREATE FUNCTION overview_result_days(p_clinic uuid, p_tz text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (day date, rule_set_id uuid, rule_id uuid, days_to_pay integer, sets bigint, paid bigint, collected_cents bigint)
LANGUAGE sql STABLE AS $$
  with paid as (
    select (s.closed_at at time zone p_tz)::date as day, s.rule_set_id, (s.created_at at time zone p_tz)::date as started,
           d.rule_id, (d.sent_at at time zone p_tz)::date as step_day,
           (select coalesce(sum(i.paid_cents), 0) from invoices i
            where i.invoice_set_id = s.id and i.clinic_id = p_clinic) as cents
    from invoice_sets s
    left join lateral (
      select m.rule_id, m.sent_at from messages m
      where m.invoice_set_id = s.id and m.clinic_id = p_clinic and m.rule_id is not null and m.sent_at <= s.closed_at
      order by m.sent_at desc limit 1) d on true
    where s.clinic_id = p_clinic and s.status = 'paid' and s.closed_at >= p_from and s.closed_at < p_to
  )
  -- Per rule set, so each count is read from invoice_sets_clinic_rule_set_idx alone.
  select (s.created_at at time zone p_tz)::date, rs.id, null::uuid, null::integer, count(*), 0::bigint, 0::bigint
  from rule_sets rs
  join invoice_sets s on s.clinic_id = p_clinic and s.rule_set_id = rs.id and s.created_at >= p_from and s.created_at < p_to
  where rs.clinic_id = p_clinic
  group by 1, 2
  union all
  select (m.sent_at at time zone p_tz)::date, r.rule_set_id, m.rule_id, null, count(distinct m.invoice_set_id), 0, 0
  from messages m
  join rules r on r.id = m.rule_id
  where m.clinic_id = p_clinic and m.sent_at >= p_from and m.sent_at < p_to and m.rule_id is not null
  group by 1, 2, 3
  union all
  select day, rule_set_id, null, day - started, 0, count(*), sum(cents)::bigint
  from paid
  group by 1, 2, 4
  union all
  select p.day, r.rule_set_id, p.rule_id, p.day - p.step_day, 0, count(*), sum(p.cents)::bigint
  from paid p
  join rules r on r.id = p.rule_id
  group by 1, 2, 3, 4
$$;
--> statement-breakpoint
-- Money received per clinic-zone day, of the payments recorded in [p_from, p_to): staff may
-- record a payment received days ago, so the rollups split payments by when they were recorded.
CREATE FUNCTION overview_collection_days(p_clinic uuid, p_tz text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (day date, cents bigint)
LANGUAGE sql STABLE AS $$
  select (p.received_at at time zone p_tz)::date, sum(p.amount_cents)::bigint
  from payments p
  where p.clinic_id = p_clinic and p.created_at >= p_from and p.created_at < p_to
  group by 1
$$;
--> statement-breakpoint
-- Store every clinic's events up to an hour ago, as lib/overview/settle-overview.ts does.
INSERT INTO overview_settled (clinic_id, settled_before)
SELECT id, now() - interval '1 hour' FROM clinics;
--> statement-breakpoint
INSERT INTO overview_funnel_days
SELECT c.id, f.* FROM clinics c
CROSS JOIN LATERAL overview_funnel_days(c.id, c.time_zone, '-infinity', now() - interval '1 hour') f;
--> statement-breakpoint
INSERT INTO overview_result_days
SELECT c.id, r.* FROM clinics c
CROSS JOIN LATERAL overview_result_days(c.id, c.time_zone, '-infinity', now() - interval '1 hour') r;
--> statement-breakpoint
INSERT INTO overview_collection_days
SELECT c.id, d.* FROM clinics c
CROSS JOIN LATERAL overview_collection_days(c.id, c.time_zone, '-infinity', now() - interval '1 hour') d;
