import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/connect";
import { apiIdempotencyKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const IDEMPOTENCY_WINDOW_HOURS = 24;

const keySchema = z.string().trim().min(1).max(255);

/** The Idempotency-Key header, if sent; a malformed one is refused. */
export function idempotencyKeyOf(request: Request): string | null {
  const raw = request.headers.get("idempotency-key");
  if (raw === null) return null;
  const parsed = keySchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Idempotency-Key must be 1 to 255 characters.", {
      "Idempotency-Key": ["Send 1 to 255 characters, e.g. a UUID."],
    });
  }
  return parsed.data;
}

export type IdempotentOutcome<T> =
  | { replayed: false; status: number; json: unknown; value: T }
  | { replayed: true; status: number; json: unknown };

/**
 * Like Stripe's Idempotency-Key: the first request with a key runs and its response is kept
 * in the same transaction as its change; a repeat within 24 hours gets that response again
 * and changes nothing. A concurrent repeat waits on the key's row until the first commits.
 * The same key with a different request is refused (409).
 */
export async function runIdempotent<T>(
  tx: Tx,
  params: { apiKeyId: string; key: string | null; request: { method: string; path: string; body: unknown } },
  run: () => Promise<{ status: number; json: unknown; value: T }>,
): Promise<IdempotentOutcome<T>> {
  const { apiKeyId, key } = params;
  if (!key) return { replayed: false, ...(await run()) };
  const requestHash = createHash("sha256").update(JSON.stringify(params.request)).digest("hex");
  const expired = sql`now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;
  await tx
    .delete(apiIdempotencyKeys)
    .where(
      and(
        eq(apiIdempotencyKeys.apiKeyId, apiKeyId),
        eq(apiIdempotencyKeys.key, key),
        lt(apiIdempotencyKeys.createdAt, expired),
      ),
    );
  const [claimed] = await tx
    .insert(apiIdempotencyKeys)
    .values({ apiKeyId, key, requestHash })
    .onConflictDoNothing()
    .returning({ key: apiIdempotencyKeys.key });
  if (claimed) {
    const result = await run();
    await tx
      .update(apiIdempotencyKeys)
      .set({ responseStatus: result.status, responseBody: result.json })
      .where(and(eq(apiIdempotencyKeys.apiKeyId, apiKeyId), eq(apiIdempotencyKeys.key, key)));
    return { replayed: false, ...result };
  }
  const [stored] = await tx
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.apiKeyId, apiKeyId), eq(apiIdempotencyKeys.key, key)));
  if (!stored || stored.requestHash !== requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different request.");
  }
  if (stored.responseStatus === null)
    throw new AppError("conflict", "A request with this Idempotency-Key is still running.");
  return { replayed: true, status: stored.responseStatus, json: stored.responseBody };
}
