CREATE TYPE "public"."actor_kind" AS ENUM('user', 'system', 'patient');--> statement-breakpoint
CREATE TYPE "public"."invoice_set_status" AS ENUM('active', 'paused', 'expired', 'will_fail', 'failed', 'paid', 'cancelled', 'written_off', 'collections');--> statement-breakpoint
CREATE TYPE "public"."invoice_status" AS ENUM('draft', 'issued', 'partially_paid', 'paid', 'voided');--> statement-breakpoint
CREATE TYPE "public"."message_channel" AS ENUM('sms', 'email');--> statement-breakpoint
CREATE TYPE "public"."message_status" AS ENUM('queued', 'sent', 'delivered', 'failed', 'undelivered', 'bounced', 'complained');--> statement-breakpoint
CREATE TYPE "public"."message_transport" AS ENUM('twilio', 'resend', 'outbox');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('card', 'cash', 'check', 'ach');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'biller', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."timeline_kind" AS ENUM('message_sent', 'message_delivered', 'message_failed', 'patient_reply', 'link_opened', 'identity_check', 'payment', 'status_change', 'rule_set_change', 'note');--> statement-breakpoint
CREATE TABLE "clinics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"send_window_start_minute" smallint DEFAULT 540 NOT NULL,
	"send_window_end_minute" smallint DEFAULT 1200 NOT NULL,
	"send_days" smallint[] DEFAULT '{1,2,3,4,5,6}'::smallint[] NOT NULL,
	"sends_per_minute" integer DEFAULT 60 NOT NULL,
	"default_due_days" integer DEFAULT 30 NOT NULL,
	"show_amount_in_messages" boolean DEFAULT true NOT NULL,
	"min_online_payment_cents" integer DEFAULT 100 NOT NULL,
	"patient_link_days" integer DEFAULT 30 NOT NULL,
	"next_invoice_number" integer DEFAULT 1001 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinics_slug_unique" UNIQUE("slug"),
	CONSTRAINT "clinics_send_window" CHECK ("clinics"."send_window_start_minute" >= 0 AND "clinics"."send_window_start_minute" < "clinics"."send_window_end_minute" AND "clinics"."send_window_end_minute" <= 1440),
	CONSTRAINT "clinics_due_days" CHECK ("clinics"."default_due_days" >= 0),
	CONSTRAINT "clinics_sends_per_minute" CHECK ("clinics"."sends_per_minute" > 0)
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_clinic_id_pk" PRIMARY KEY("user_id","clinic_id")
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinicians" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"name" text NOT NULL,
	"credentials" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"phone" text,
	"email" text,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"sms_opted_out_at" timestamp with time zone,
	"phone_is_landline" boolean DEFAULT false NOT NULL,
	"phone_unusable_reason" text,
	"email_undeliverable_at" timestamp with time zone,
	"email_undeliverable_reason" text,
	"search_text" text GENERATED ALWAYS AS (lower(first_name || ' ' || last_name || ' ' || external_id) || ' ' || coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"expiry_days" integer NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_sets_expiry_positive" CHECK ("rule_sets"."expiry_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"rule_set_id" uuid NOT NULL,
	"delay_days" integer NOT NULL,
	"channels" "message_channel"[] NOT NULL,
	"title" text NOT NULL,
	"template" text NOT NULL,
	CONSTRAINT "rules_delay_nonnegative" CHECK ("rules"."delay_days" >= 0),
	CONSTRAINT "rules_channels_present" CHECK (cardinality("rules"."channels") > 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"status" "invoice_set_status" NOT NULL,
	"rule_set_id" uuid NOT NULL,
	"sequence_step" integer DEFAULT 0 NOT NULL,
	"sequence_cycle" integer DEFAULT 0 NOT NULL,
	"sequence_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_send_at" timestamp with time zone,
	"amount_outstanding_cents" integer DEFAULT 0 NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "invoice_sets_amount_nonnegative" CHECK ("invoice_sets"."amount_outstanding_cents" >= 0),
	CONSTRAINT "invoice_sets_step_nonnegative" CHECK ("invoice_sets"."sequence_step" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"amount_cents" integer GENERATED ALWAYS AS (quantity * unit_price_cents) STORED,
	CONSTRAINT "invoice_charges_quantity_positive" CHECK ("invoice_charges"."quantity" > 0),
	CONSTRAINT "invoice_charges_price_nonnegative" CHECK ("invoice_charges"."unit_price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"patient_id" uuid,
	"clinician_id" uuid,
	"invoice_set_id" uuid,
	"status" "invoice_status" DEFAULT 'draft' NOT NULL,
	"past_due" boolean DEFAULT false NOT NULL,
	"bad_debt" boolean DEFAULT false NOT NULL,
	"sent_to_collections" boolean DEFAULT false NOT NULL,
	"service_date" date,
	"issued_at" timestamp with time zone,
	"due_date" date,
	"total_cents" integer DEFAULT 0 NOT NULL,
	"paid_cents" integer DEFAULT 0 NOT NULL,
	"balance_cents" integer GENERATED ALWAYS AS (total_cents - paid_cents) STORED,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"duplicated_from_id" uuid,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_total_nonnegative" CHECK ("invoices"."total_cents" >= 0),
	CONSTRAINT "invoices_paid_nonnegative" CHECK ("invoices"."paid_cents" >= 0),
	CONSTRAINT "invoices_balance_nonnegative" CHECK ("invoices"."paid_cents" <= "invoices"."total_cents"),
	CONSTRAINT "invoices_issued_has_patient" CHECK ("invoices"."status" = 'draft' OR "invoices"."patient_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"method" "payment_method" NOT NULL,
	"amount_cents" integer NOT NULL,
	"reference" text,
	"received_at" timestamp with time zone NOT NULL,
	"receipt_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"invoice_set_id" uuid NOT NULL,
	"rule_id" uuid,
	"sequence_cycle" integer DEFAULT 0 NOT NULL,
	"step_index" integer NOT NULL,
	"channel" "message_channel" NOT NULL,
	"transport" "message_transport" NOT NULL,
	"destination" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"provider_id" text,
	"status" "message_status" DEFAULT 'queued' NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_receipts" (
	"provider" text NOT NULL,
	"event_key" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"invoice_set_id" uuid,
	"invoice_id" uuid,
	"kind" timeline_kind NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_user_id" uuid,
	"summary" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"invoice_set_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_opened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_links_attempts_nonnegative" CHECK ("patient_links"."failed_attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinicians" ADD CONSTRAINT "clinicians_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_rule_set_id_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."rule_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD CONSTRAINT "invoice_sets_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD CONSTRAINT "invoice_sets_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD CONSTRAINT "invoice_sets_rule_set_id_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_charges" ADD CONSTRAINT "invoice_charges_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_charges" ADD CONSTRAINT "invoice_charges_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_clinician_id_clinicians_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_invoice_set_id_invoice_sets_id_fk" FOREIGN KEY ("invoice_set_id") REFERENCES "public"."invoice_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_invoice_set_id_invoice_sets_id_fk" FOREIGN KEY ("invoice_set_id") REFERENCES "public"."invoice_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_rule_id_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_invoice_set_id_invoice_sets_id_fk" FOREIGN KEY ("invoice_set_id") REFERENCES "public"."invoice_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_invoice_set_id_invoice_sets_id_fk" FOREIGN KEY ("invoice_set_id") REFERENCES "public"."invoice_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_clinic_idx" ON "memberships" USING btree ("clinic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "clinicians_clinic_idx" ON "clinicians" USING btree ("clinic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_clinic_external_id_idx" ON "patients" USING btree ("clinic_id","external_id");--> statement-breakpoint
CREATE INDEX "patients_clinic_name_idx" ON "patients" USING btree ("clinic_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "patients_search_trgm_idx" ON "patients" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "rule_sets_clinic_idx" ON "rule_sets" USING btree ("clinic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_one_default_per_clinic_idx" ON "rule_sets" USING btree ("clinic_id") WHERE is_default and archived_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "rules_rule_set_day_idx" ON "rules" USING btree ("rule_set_id","delay_days");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_sets_one_open_per_patient_idx" ON "invoice_sets" USING btree ("patient_id") WHERE status in ('active', 'paused', 'expired', 'will_fail', 'failed');--> statement-breakpoint
CREATE INDEX "invoice_sets_clinic_created_idx" ON "invoice_sets" USING btree ("clinic_id","created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_sets_clinic_status_created_idx" ON "invoice_sets" USING btree ("clinic_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_sets_clinic_amount_idx" ON "invoice_sets" USING btree ("clinic_id","amount_outstanding_cents","id");--> statement-breakpoint
CREATE INDEX "invoice_sets_clinic_next_send_idx" ON "invoice_sets" USING btree ("clinic_id","next_send_at","id");--> statement-breakpoint
CREATE INDEX "invoice_sets_clinic_rule_set_idx" ON "invoice_sets" USING btree ("clinic_id","rule_set_id","created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_sets_patient_idx" ON "invoice_sets" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "invoice_charges_invoice_idx" ON "invoice_charges" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_clinic_number_idx" ON "invoices" USING btree ("clinic_id","number");--> statement-breakpoint
CREATE INDEX "invoices_clinic_status_idx" ON "invoices" USING btree ("clinic_id","status");--> statement-breakpoint
CREATE INDEX "invoices_patient_idx" ON "invoices" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "invoices_set_idx" ON "invoices" USING btree ("invoice_set_id");--> statement-breakpoint
CREATE INDEX "invoices_past_due_candidates_idx" ON "invoices" USING btree ("due_date") WHERE status in ('issued', 'partially_paid') and past_due = false;--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "payments_receipt_idx" ON "payments" USING btree ("receipt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_external_invoice_idx" ON "payments" USING btree ("external_id","invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_idempotency_idx" ON "messages" USING btree ("invoice_set_id","sequence_cycle","rule_id","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_provider_id_idx" ON "messages" USING btree ("transport","provider_id");--> statement-breakpoint
CREATE INDEX "messages_set_created_idx" ON "messages" USING btree ("invoice_set_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_clinic_transport_created_idx" ON "messages" USING btree ("clinic_id","transport","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_receipts_key_idx" ON "webhook_receipts" USING btree ("provider","event_key");--> statement-breakpoint
CREATE INDEX "timeline_events_set_idx" ON "timeline_events" USING btree ("invoice_set_id","occurred_at");--> statement-breakpoint
CREATE INDEX "timeline_events_invoice_idx" ON "timeline_events" USING btree ("invoice_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_clinic_created_idx" ON "audit_log" USING btree ("clinic_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_links_token_hash_idx" ON "patient_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "patient_links_set_idx" ON "patient_links" USING btree ("invoice_set_id");