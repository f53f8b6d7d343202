import { sql } from "drizzle-orm";
import { check, foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { clinics } from "./clinics";
import { actorKindEnum } from "./enums";
import { users } from "./users";

export const auditLog = pgTable(
  "audit_log",
  {
    // Time-ordered (uuid_time_ordered(), migration 0018): new rows land at the end of the
    // primary key instead of on a random page of an append-only table that only grows.
    id: uuid("id").primaryKey().default(sql`uuid_time_ordered()`),
    /** Null only for a failed sign-in with an email that has no account: it belongs to no clinic. */
    clinicId: uuid("clinic_id").references(() => clinics.id),
    actorKind: actorKindEnum("actor_kind").notNull(),
    userId: uuid("user_id").references(() => users.id),
    /** The API key that made the change (actor_kind api_key); its name is the actor shown. */
    apiKeyId: uuid("api_key_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id"),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "audit_log_api_key_fk",
      columns: [t.apiKeyId, t.clinicId],
      foreignColumns: [apiKeys.id, apiKeys.clinicId],
    }),
    index("audit_log_clinic_created_idx").on(t.clinicId, t.createdAt),
    check(
      "audit_log_clinic_present",
      sql`${t.clinicId} is not null or (${t.action} = 'auth.sign_in_failed' and ${t.userId} is null)`,
    ),
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.createdAt),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
