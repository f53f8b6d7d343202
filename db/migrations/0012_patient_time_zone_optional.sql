ALTER TABLE "patients" ALTER COLUMN "time_zone" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "patients" ALTER COLUMN "time_zone" DROP NOT NULL;--> statement-breakpoint
-- Patients stored with their clinic's zone were, nearly always, given none (create, import and
-- setup filled the clinic's in): they follow the clinic from now on, and no send time moves.
-- Other zones stay, the old New York default included: a deliberate choice can't be told apart.
UPDATE "patients" AS p SET "time_zone" = NULL FROM "clinics" AS c WHERE c."id" = p."clinic_id" AND p."time_zone" = c."time_zone";
