CREATE TYPE "public"."payment_plan_frequency" AS ENUM('weekly', 'biweekly', 'monthly');--> statement-breakpoint
CREATE TYPE "public"."payment_plan_status" AS ENUM('active', 'completed', 'missed', 'cancelled');--> statement-breakpoint
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
ALTER TABLE "invoice_sets" ADD COLUMN "payment_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_plan_installments" ADD CONSTRAINT "payment_plan_installments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_installments" ADD CONSTRAINT "payment_plan_installments_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_invoice_set_id_invoice_sets_id_fk" FOREIGN KEY ("invoice_set_id") REFERENCES "public"."invoice_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_installments_plan_seq_idx" ON "payment_plan_installments" USING btree ("plan_id","seq");--> statement-breakpoint
CREATE INDEX "payment_plan_installments_due_idx" ON "payment_plan_installments" USING btree ("due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_one_active_per_set_idx" ON "payment_plans" USING btree ("invoice_set_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "payment_plans_clinic_status_idx" ON "payment_plans" USING btree ("clinic_id","status");--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_min_installment" CHECK ("clinics"."min_installment_cents" > 0);