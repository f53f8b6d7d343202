import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Work for the in-process outreach engine (OUTREACH_ENGINE=local): one row per function
 * run, triggered by an event, resumed at `run_at` with its finished steps in `memo`
 * (what Inngest keeps for its own runs). Unused with OUTREACH_ENGINE=inngest.
 */
export const outreachJobs = pgTable(
  "outreach_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    functionId: text("function_id").notNull(),
    /** One live run per key (the set's sequence): a new event replaces the waiting run. */
    singletonKey: text("singleton_key"),
    /** The event's id: a second event with the same id starts nothing (as in Inngest). */
    eventId: text("event_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    memo: jsonb("memo").$type<Record<string, unknown>>().notNull().default({}),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Set when the run ended (returned, gave up, or was replaced/cancelled). */
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    outcome: text("outcome"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("outreach_jobs_due_idx").on(t.runAt).where(sql`finished_at is null`),
    uniqueIndex("outreach_jobs_singleton_idx")
      .on(t.functionId, t.singletonKey)
      .where(sql`finished_at is null and singleton_key is not null`),
    uniqueIndex("outreach_jobs_event_idx").on(t.functionId, t.eventId),
    index("outreach_jobs_finished_idx").on(t.finishedAt).where(sql`finished_at is not null`),
  ],
);

/** Small named values the engines keep between passes (the reconcile cursor, cron runs). */
export const outreachEngineState = pgTable("outreach_engine_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type OutreachJob = typeof outreachJobs.$inferSelect;
