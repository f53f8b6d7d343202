import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { apiKeys } from "@/db/schema";

/** The clinic's keys, newest first (never the hash). */
export function listApiKeys(db: Executor, clinicId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.clinicId, clinicId))
    .orderBy(desc(apiKeys.createdAt));
}
