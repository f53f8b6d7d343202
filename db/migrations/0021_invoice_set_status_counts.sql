CREATE TABLE "invoice_set_status_changes" (
	"clinic_id" uuid NOT NULL,
	"status" "invoice_set_status" NOT NULL,
	"sets" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_set_status_counts" (
	"clinic_id" uuid NOT NULL,
	"status" "invoice_set_status" NOT NULL,
	"sets" integer NOT NULL,
	CONSTRAINT "invoice_set_status_counts_clinic_id_status_pk" PRIMARY KEY("clinic_id","status")
);
--> statement-breakpoint
ALTER TABLE "invoice_set_status_changes" ADD CONSTRAINT "invoice_set_status_changes_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_set_status_counts" ADD CONSTRAINT "invoice_set_status_counts_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_set_status_changes_clinic_idx" ON "invoice_set_status_changes" USING btree ("clinic_id","status");--> statement-breakpoint
-- Statement triggers with the statement's old and new rows: one grouped insert per statement,
-- however many sets it changed (a bulk Pause of 1,000 sets appends two rows), and nothing
-- when no status count moved. They only append: concurrent writers never wait here.
CREATE FUNCTION invoice_set_status_changes_appended() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO invoice_set_status_changes (clinic_id, status, sets)
    SELECT clinic_id, status, count(*)::int FROM new_rows GROUP BY clinic_id, status;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO invoice_set_status_changes (clinic_id, status, sets)
    SELECT clinic_id, status, -count(*)::int FROM old_rows GROUP BY clinic_id, status;
  ELSE
    INSERT INTO invoice_set_status_changes (clinic_id, status, sets)
    SELECT clinic_id, status, sum(moved)::int
    FROM (SELECT clinic_id, status, 1 AS moved FROM new_rows
          UNION ALL SELECT clinic_id, status, -1 FROM old_rows) rows
    GROUP BY clinic_id, status
    HAVING sum(moved) <> 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_sets_status_count_insert AFTER INSERT ON invoice_sets
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_set_status_changes_appended();
--> statement-breakpoint
CREATE TRIGGER invoice_sets_status_count_update AFTER UPDATE ON invoice_sets
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_set_status_changes_appended();
--> statement-breakpoint
CREATE TRIGGER invoice_sets_status_count_delete AFTER DELETE ON invoice_sets
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_set_status_changes_appended();
--> statement-breakpoint
INSERT INTO invoice_set_status_counts (clinic_id, status, sets)
SELECT clinic_id, status, count(*)::int FROM invoice_sets GROUP BY clinic_id, status;
