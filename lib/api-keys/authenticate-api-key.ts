import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { ApiKeyScope } from "./api-key-input";
import { hashApiKeyToken } from "./key-token";

export interface ApiKeyContext {
  apiKeyId: string;
  clinicId: string;
  name: string;
  scope: ApiKeyScope;
  clinicTimeZone: string;
  clinicCurrency: string;
}

export type ApiKeyCheck =
  | { ok: true; key: ApiKeyContext }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * One statement per request: finds a live key by its hash, stamps last-used and counts the
 * request in the key's current one-minute window (a fixed window on the row, so every server
 * process shares it). Over the limit: refused with the seconds left in the window.
 */
export async function authenticateApiKey(db: Executor, token: string, now = new Date()): Promise<ApiKeyCheck> {
  if (!/^cbk_[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: "invalid" };
  const at = now.toISOString();
  const [row] = await executeRows<{
    id: string;
    clinic_id: string;
    name: string;
    scope: ApiKeyScope;
    rate_count: number;
    rate_limit_per_minute: number;
    window_start: string;
    time_zone: string;
    currency: string;
  }>(
    db,
    sql`
    update api_keys k set
      last_used_at = ${at}::timestamptz,
      rate_count = case when k.rate_window_start = date_trunc('minute', ${at}::timestamptz) then k.rate_count + 1 else 1 end,
      rate_window_start = date_trunc('minute', ${at}::timestamptz)
    from clinics c
    where k.key_hash = ${hashApiKeyToken(token)} and k.revoked_at is null and c.id = k.clinic_id
    returning k.id, k.clinic_id, k.name, k.scope, k.rate_count, k.rate_limit_per_minute,
      k.rate_window_start::text as window_start, c.time_zone, c.currency`,
  );
  if (!row) return { ok: false, reason: "invalid" };
  if (row.rate_count > row.rate_limit_per_minute) {
    const windowEnds = new Date(row.window_start).getTime() + 60_000;
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
    };
  }
  return {
    ok: true,
    key: {
      apiKeyId: row.id,
      clinicId: row.clinic_id,
      name: row.name,
      scope: row.scope,
      clinicTimeZone: row.time_zone,
      clinicCurrency: row.currency,
    },
  };
}
