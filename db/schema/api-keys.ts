import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { users } from "./users";

export const apiKeyScopeEnum = pgEnum("api_key_scope", ["read_only", "read_write"]);

/** A key a practice system uses for /api/v1. Only the SHA-256 of the key is stored. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    name: text("name").notNull(),
    scope: apiKeyScopeEnum("scope").notNull(),
    /** The key's first characters, shown in the list so staff can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Requests allowed per minute; the current minute's window and count live on the row. */
    rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(600),
    rateWindowStart: timestamp("rate_window_start", { withTimezone: true }),
    rateCount: integer("rate_count").notNull().default(0),
  },
  (t) => [
    unique("api_keys_id_clinic_key").on(t.id, t.clinicId),
    uniqueIndex("api_keys_key_hash_idx").on(t.keyHash),
    index("api_keys_clinic_idx").on(t.clinicId, t.createdAt),
    check("api_keys_rate_limit_positive", sql`${t.rateLimitPerMinute} > 0`),
  ],
);

/** Idempotency-Key of a write: the stored response is replayed for 24 hours. */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id),
    key: text("key").notNull(),
    /** What was asked (method, path, body): the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body").$type<unknown>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);

export type ApiKey = typeof apiKeys.$inferSelect;
