-- Failed sign-ins for an email with no account are audited with no clinic (that action only), and
-- staff sessions keep their last request so the idle timeout is decided, and its expiry recorded, on the server.
ALTER TABLE "audit_log" ALTER COLUMN "clinic_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_clinic_present" CHECK ("audit_log"."clinic_id" is not null or ("audit_log"."action" = 'auth.sign_in_failed' and "audit_log"."user_id" is null));