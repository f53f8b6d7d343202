CREATE TYPE "public"."installment_charge_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "payment_plan_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"installment_id" uuid NOT NULL,
	"attempt" smallint NOT NULL,
	"status" "installment_charge_status" DEFAULT 'pending' NOT NULL,
	"amount_cents" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"payment_intent_id" text,
	"failure_message" text,
	"attempted_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "payment_plans" ADD COLUMN "autopay" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_plan_charges" ADD CONSTRAINT "payment_plan_charges_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_charges" ADD CONSTRAINT "payment_plan_charges_installment_id_payment_plan_installments_id_fk" FOREIGN KEY ("installment_id") REFERENCES "public"."payment_plan_installments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_charges_attempt_idx" ON "payment_plan_charges" USING btree ("installment_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_charges_key_idx" ON "payment_plan_charges" USING btree ("idempotency_key");