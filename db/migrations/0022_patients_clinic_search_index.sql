-- The patients' search index led by the clinic: a clinic's search then reads only its own patients' entries.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "patients_clinic_search_trgm_idx" ON "patients" USING gin ("clinic_id","search_text" gin_trgm_ops);--> statement-breakpoint
DROP INDEX "patients_search_trgm_idx";
