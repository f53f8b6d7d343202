ALTER TYPE "public"."message_status" ADD VALUE 'sending' BEFORE 'sent';--> statement-breakpoint
CREATE TABLE "outreach_engine_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"function_id" text NOT NULL,
	"singleton_key" text,
	"event_id" text,
	"data" jsonb NOT NULL,
	"memo" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "allow_any_hour" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD COLUMN "next_action_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "attempted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "retried_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outreach_jobs_due_idx" ON "outreach_jobs" USING btree ("run_at") WHERE finished_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_jobs_singleton_idx" ON "outreach_jobs" USING btree ("function_id","singleton_key") WHERE finished_at is null and singleton_key is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_jobs_event_idx" ON "outreach_jobs" USING btree ("function_id","event_id");--> statement-breakpoint
CREATE INDEX "outreach_jobs_finished_idx" ON "outreach_jobs" USING btree ("finished_at") WHERE finished_at is not null;--> statement-breakpoint
CREATE INDEX "invoice_sets_active_next_action_idx" ON "invoice_sets" USING btree (coalesce("next_action_at", '-infinity'::timestamptz),"id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "messages_clinic_attempted_idx" ON "messages" USING btree ("clinic_id","attempted_at");