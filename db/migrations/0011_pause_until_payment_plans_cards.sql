CREATE TYPE "public"."installment_charge_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."payment_plan_frequency" AS ENUM('weekly', 'biweekly', 'monthly');--> statement-breakpoint
CREATE TYPE "public"."payment_plan_status" AS ENUM('active', 'completed', 'missed', 'cancelled');--> statement-breakpoint
CREATE TABLE "payment_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"stripe_payment_method_id" text NOT NULL,
	"brand" text NOT NULL,
	"last4" text NOT NULL,
	"exp_month" smallint NOT NULL,
	"exp_year" smallint NOT NULL,
	"consent_text" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"consent_ip" text,
	"setup_session_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "payment_plan_installments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"due_on" date NOT NULL,
	"amount_cents" integer NOT NULL,
	"is_down_payment" boolean DEFAULT false NOT NULL,
	CONSTRAINT "payment_plan_installments_amount_positive" CHECK ("payment_plan_installments"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"invoice_set_id" uuid NOT NULL,
	"status" "payment_plan_status" DEFAULT 'active' NOT NULL,
	"frequency" "payment_plan_frequency" NOT NULL,
	"total_cents" integer NOT NULL,
	"start_balance_cents" integer NOT NULL,
	"down_payment_cents" integer DEFAULT 0 NOT NULL,
	"autopay" boolean DEFAULT false NOT NULL,
	"created_by_kind" "actor_kind" NOT NULL,
	"created_by_user_id" uuid,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "payment_plans_total_positive" CHECK ("payment_plans"."total_cents" > 0 and "payment_plans"."total_cents" <= "payment_plans"."start_balance_cents"),
	CONSTRAINT "payment_plans_down_payment" CHECK ("payment_plans"."down_payment_cents" >= 0 and "payment_plans"."down_payment_cents" < "payment_plans"."total_cents")
);
--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "min_installment_cents" integer DEFAULT 2500 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "patient_plan_months" smallint[] DEFAULT '{3,6,12}'::smallint[] NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD COLUMN "resume_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD COLUMN "payment_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_cards" ADD CONSTRAINT "payment_cards_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_cards" ADD CONSTRAINT "payment_cards_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_charges" ADD CONSTRAINT "payment_plan_charges_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_charges" ADD CONSTRAINT "payment_plan_charges_installment_id_payment_plan_installments_id_fk" FOREIGN KEY ("installment_id") REFERENCES "public"."payment_plan_installments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_installments" ADD CONSTRAINT "payment_plan_installments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_installments" ADD CONSTRAINT "payment_plan_installments_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_invoice_set_id_invoice_sets_id_fk" FOREIGN KEY ("invoice_set_id") REFERENCES "public"."invoice_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_cards_patient_idx" ON "payment_cards" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_cards_setup_session_idx" ON "payment_cards" USING btree ("setup_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_charges_attempt_idx" ON "payment_plan_charges" USING btree ("installment_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_charges_key_idx" ON "payment_plan_charges" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_installments_plan_seq_idx" ON "payment_plan_installments" USING btree ("plan_id","seq");--> statement-breakpoint
CREATE INDEX "payment_plan_installments_due_idx" ON "payment_plan_installments" USING btree ("due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_one_active_per_set_idx" ON "payment_plans" USING btree ("invoice_set_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "payment_plans_clinic_status_idx" ON "payment_plans" USING btree ("clinic_id","status");--> statement-breakpoint
CREATE INDEX "invoice_sets_resume_at_idx" ON "invoice_sets" USING btree ("resume_at","clinic_id") WHERE status = 'paused' and resume_at is not null;--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_min_installment" CHECK ("clinics"."min_installment_cents" > 0);