ALTER TYPE "public"."installment_charge_status" RENAME TO "card_charge_status";--> statement-breakpoint
CREATE TABLE "card_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"invoice_set_id" uuid NOT NULL,
	"installment_id" uuid,
	"rule_id" uuid,
	"sequence_cycle" integer,
	"attempt" smallint NOT NULL,
	"status" "card_charge_status" DEFAULT 'pending' NOT NULL,
	"amount_cents" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"payment_intent_id" text,
	"failure_message" text,
	"attempted_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "card_charges_one_purpose" CHECK (("card_charges"."installment_id" is null) <> ("card_charges"."rule_id" is null) and ("card_charges"."rule_id" is null) = ("card_charges"."sequence_cycle" is null)),
	CONSTRAINT "card_charges_amount_positive" CHECK ("card_charges"."amount_cents" > 0)
);
--> statement-breakpoint
-- Autopay attempts move to card_charges (which also holds "Charge Card" steps), each with its set.
INSERT INTO "card_charges" ("id", "clinic_id", "invoice_set_id", "installment_id", "attempt", "status", "amount_cents", "idempotency_key", "payment_intent_id", "failure_message", "attempted_at", "settled_at")
SELECT c."id", c."clinic_id", p."invoice_set_id", c."installment_id", c."attempt", c."status", c."amount_cents", c."idempotency_key", c."payment_intent_id", c."failure_message", c."attempted_at", c."settled_at"
FROM "payment_plan_charges" c
JOIN "payment_plan_installments" i ON i."id" = c."installment_id"
JOIN "payment_plans" p ON p."id" = i."plan_id";--> statement-breakpoint
DROP TABLE "payment_plan_charges";--> statement-breakpoint
ALTER TABLE "rules" DROP CONSTRAINT "rules_channels_present";--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "card_charge_max_cents" integer;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "installment_reminder_days" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "installment_id" uuid;--> statement-breakpoint
ALTER TABLE "rules" ADD COLUMN "charge_card" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "card_charges" ADD CONSTRAINT "card_charges_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_charges" ADD CONSTRAINT "card_charges_invoice_set_fk" FOREIGN KEY ("invoice_set_id","clinic_id") REFERENCES "public"."invoice_sets"("id","clinic_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_charges" ADD CONSTRAINT "card_charges_installment_fk" FOREIGN KEY ("installment_id","clinic_id") REFERENCES "public"."payment_plan_installments"("id","clinic_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_charges" ADD CONSTRAINT "card_charges_rule_fk" FOREIGN KEY ("rule_id","clinic_id") REFERENCES "public"."rules"("id","clinic_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_charges_installment_attempt_idx" ON "card_charges" USING btree ("installment_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "card_charges_rule_step_idx" ON "card_charges" USING btree ("invoice_set_id","sequence_cycle","rule_id");--> statement-breakpoint
CREATE UNIQUE INDEX "card_charges_key_idx" ON "card_charges" USING btree ("idempotency_key");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_installment_fk" FOREIGN KEY ("installment_id","clinic_id") REFERENCES "public"."payment_plan_installments"("id","clinic_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_installment_reminder_idx" ON "messages" USING btree ("installment_id","channel") WHERE "messages"."installment_id" is not null;--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_card_charge_max" CHECK ("clinics"."card_charge_max_cents" is null or "clinics"."card_charge_max_cents" > 0);--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_installment_reminder_days" CHECK ("clinics"."installment_reminder_days" between 0 and 30);--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_method_present" CHECK (cardinality("rules"."channels") > 0 or "rules"."charge_card");