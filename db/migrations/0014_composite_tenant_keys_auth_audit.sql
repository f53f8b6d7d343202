-- Composite tenant keys: each referenced tenant table gets a unique (id, clinic_id), and every
-- foreign key between tenant tables becomes (x_id, clinic_id) -> target(id, clinic_id), so no row can
-- point at another clinic's row. The unique keys come first: the new foreign keys need them.
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD CONSTRAINT "invoice_sets_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "clinicians" ADD CONSTRAINT "clinicians_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "payment_plan_installments" ADD CONSTRAINT "payment_plan_installments_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_id_clinic_key" UNIQUE("id","clinic_id");
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_api_key_id_api_keys_id_fk";
--> statement-breakpoint
ALTER TABLE "invoice_sets" DROP CONSTRAINT "invoice_sets_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "invoice_sets" DROP CONSTRAINT "invoice_sets_rule_set_id_rule_sets_id_fk";
--> statement-breakpoint
ALTER TABLE "invoice_charges" DROP CONSTRAINT "invoice_charges_invoice_id_invoices_id_fk";
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_clinician_id_clinicians_id_fk";
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_invoice_set_id_invoice_sets_id_fk";
--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_invoice_id_invoices_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_invoice_set_id_invoice_sets_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_rule_id_rules_id_fk";
--> statement-breakpoint
ALTER TABLE "patient_links" DROP CONSTRAINT "patient_links_invoice_set_id_invoice_sets_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_cards" DROP CONSTRAINT "payment_cards_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_plan_charges" DROP CONSTRAINT "payment_plan_charges_installment_id_payment_plan_installments_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_plan_installments" DROP CONSTRAINT "payment_plan_installments_plan_id_payment_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_plans" DROP CONSTRAINT "payment_plans_invoice_set_id_invoice_sets_id_fk";
--> statement-breakpoint
ALTER TABLE "rules" DROP CONSTRAINT "rules_rule_set_id_rule_sets_id_fk";
--> statement-breakpoint
ALTER TABLE "timeline_events" DROP CONSTRAINT "timeline_events_invoice_set_id_invoice_sets_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_api_key_fk" FOREIGN KEY ("api_key_id","clinic_id") REFERENCES "public"."api_keys"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD CONSTRAINT "invoice_sets_patient_fk" FOREIGN KEY ("patient_id","clinic_id") REFERENCES "public"."patients"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "invoice_sets" ADD CONSTRAINT "invoice_sets_rule_set_fk" FOREIGN KEY ("rule_set_id","clinic_id") REFERENCES "public"."rule_sets"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "invoice_charges" ADD CONSTRAINT "invoice_charges_invoice_fk" FOREIGN KEY ("invoice_id","clinic_id") REFERENCES "public"."invoices"("id","clinic_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_patient_fk" FOREIGN KEY ("patient_id","clinic_id") REFERENCES "public"."patients"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_clinician_fk" FOREIGN KEY ("clinician_id","clinic_id") REFERENCES "public"."clinicians"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_invoice_set_fk" FOREIGN KEY ("invoice_set_id","clinic_id") REFERENCES "public"."invoice_sets"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_fk" FOREIGN KEY ("invoice_id","clinic_id") REFERENCES "public"."invoices"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_invoice_set_fk" FOREIGN KEY ("invoice_set_id","clinic_id") REFERENCES "public"."invoice_sets"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_rule_fk" FOREIGN KEY ("rule_id","clinic_id") REFERENCES "public"."rules"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_invoice_set_fk" FOREIGN KEY ("invoice_set_id","clinic_id") REFERENCES "public"."invoice_sets"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payment_cards" ADD CONSTRAINT "payment_cards_patient_fk" FOREIGN KEY ("patient_id","clinic_id") REFERENCES "public"."patients"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payment_plan_charges" ADD CONSTRAINT "payment_plan_charges_installment_fk" FOREIGN KEY ("installment_id","clinic_id") REFERENCES "public"."payment_plan_installments"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payment_plan_installments" ADD CONSTRAINT "payment_plan_installments_plan_fk" FOREIGN KEY ("plan_id","clinic_id") REFERENCES "public"."payment_plans"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_invoice_set_fk" FOREIGN KEY ("invoice_set_id","clinic_id") REFERENCES "public"."invoice_sets"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_rule_set_fk" FOREIGN KEY ("rule_set_id","clinic_id") REFERENCES "public"."rule_sets"("id","clinic_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_invoice_set_fk" FOREIGN KEY ("invoice_set_id","clinic_id") REFERENCES "public"."invoice_sets"("id","clinic_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Failed sign-ins for an email with no account are audited with no clinic (that action only), and
-- staff sessions keep their last request so the idle timeout is decided, and its expiry recorded, on the server.
ALTER TABLE "audit_log" ALTER COLUMN "clinic_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_clinic_present" CHECK ("audit_log"."clinic_id" is not null or ("audit_log"."action" = 'auth.sign_in_failed' and "audit_log"."user_id" is null));--> statement-breakpoint
-- The set's active payment plan is a tenant reference too: (payment_plan_id, clinic_id) -> payment_plans(id, clinic_id).
ALTER TABLE "invoice_sets" ADD CONSTRAINT "invoice_sets_payment_plan_fk" FOREIGN KEY ("payment_plan_id","clinic_id") REFERENCES "public"."payment_plans"("id","clinic_id") ON DELETE no action ON UPDATE no action;