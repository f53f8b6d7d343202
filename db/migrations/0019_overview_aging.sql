CREATE TABLE "overview_aging_changes" (
	"clinic_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sets" integer NOT NULL,
	"cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "overview_aging_days" (
	"clinic_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sets" integer NOT NULL,
	"cents" bigint NOT NULL,
	CONSTRAINT "overview_aging_days_clinic_id_day_pk" PRIMARY KEY("clinic_id","day")
);
--> statement-breakpoint
ALTER TABLE "overview_aging_changes" ADD CONSTRAINT "overview_aging_changes_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_aging_days" ADD CONSTRAINT "overview_aging_days_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "overview_aging_changes_clinic_day_idx" ON "overview_aging_changes" USING btree ("clinic_id","day");--> statement-breakpoint
-- The Overview's aging counts a set while it is open with a balance, on the UTC day it started.
CREATE FUNCTION overview_aging_days(p_clinic uuid)
RETURNS TABLE (day date, sets bigint, cents bigint)
LANGUAGE sql STABLE AS $$
  select (created_at at time zone 'UTC')::date, count(*), sum(amount_outstanding_cents)::bigint
  from invoice_sets
  where clinic_id = p_clinic and status in ('active', 'paused', 'expired', 'will_fail', 'failed')
    and amount_outstanding_cents > 0
  group by 1
$$;
--> statement-breakpoint
-- Appends what a change of an invoice set took out of the aging and what it put in (one row
-- when both fall on the same day), never updating a shared row: concurrent writers do not wait here.
CREATE FUNCTION overview_aging_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO overview_aging_changes (clinic_id, day, sets, cents)
  SELECT c.clinic_id, c.day, sum(c.sets), sum(c.cents)
  FROM (VALUES
    (OLD.clinic_id, (OLD.created_at AT TIME ZONE 'UTC')::date, -1, -OLD.amount_outstanding_cents::bigint,
     OLD.status IN ('active', 'paused', 'expired', 'will_fail', 'failed') AND OLD.amount_outstanding_cents > 0),
    (NEW.clinic_id, (NEW.created_at AT TIME ZONE 'UTC')::date, 1, NEW.amount_outstanding_cents::bigint,
     NEW.status IN ('active', 'paused', 'expired', 'will_fail', 'failed') AND NEW.amount_outstanding_cents > 0)
  ) c (clinic_id, day, sets, cents, counted)
  WHERE c.counted
  GROUP BY c.clinic_id, c.day;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_sets_aging_insert AFTER INSERT ON invoice_sets FOR EACH ROW
WHEN (NEW.status IN ('active', 'paused', 'expired', 'will_fail', 'failed') AND NEW.amount_outstanding_cents > 0)
EXECUTE FUNCTION overview_aging_change();
--> statement-breakpoint
CREATE TRIGGER invoice_sets_aging_delete AFTER DELETE ON invoice_sets FOR EACH ROW
WHEN (OLD.status IN ('active', 'paused', 'expired', 'will_fail', 'failed') AND OLD.amount_outstanding_cents > 0)
EXECUTE FUNCTION overview_aging_change();
--> statement-breakpoint
-- Only when the set's part changes: a Pause or Resume (open to open, same balance) queues nothing.
CREATE TRIGGER invoice_sets_aging_update AFTER UPDATE OF status, amount_outstanding_cents, created_at, clinic_id ON invoice_sets FOR EACH ROW
WHEN (
  (OLD.status IN ('active', 'paused', 'expired', 'will_fail', 'failed') AND OLD.amount_outstanding_cents > 0
   OR NEW.status IN ('active', 'paused', 'expired', 'will_fail', 'failed') AND NEW.amount_outstanding_cents > 0)
  AND (OLD.status IN ('active', 'paused', 'expired', 'will_fail', 'failed') AND OLD.amount_outstanding_cents > 0,
       OLD.amount_outstanding_cents, OLD.created_at, OLD.clinic_id)
    IS DISTINCT FROM
      (NEW.status IN ('active', 'paused', 'expired', 'will_fail', 'failed') AND NEW.amount_outstanding_cents > 0,
       NEW.amount_outstanding_cents, NEW.created_at, NEW.clinic_id)
)
EXECUTE FUNCTION overview_aging_change();
--> statement-breakpoint
INSERT INTO overview_aging_days
SELECT c.id, a.* FROM clinics c CROSS JOIN LATERAL overview_aging_days(c.id) a;
