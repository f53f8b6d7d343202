-- Active sets planned before next_action_at existed: their planned send is their next action.
-- Sets waiting only for their expiry stay null and are re-planned once by the reconcile.
UPDATE "invoice_sets" SET "next_action_at" = "next_send_at" WHERE "status" = 'active' AND "next_send_at" IS NOT NULL;
