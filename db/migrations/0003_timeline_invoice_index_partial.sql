DROP INDEX "timeline_events_invoice_idx";--> statement-breakpoint
CREATE INDEX "timeline_events_invoice_idx" ON "timeline_events" USING btree ("invoice_id","occurred_at") WHERE invoice_id is not null;