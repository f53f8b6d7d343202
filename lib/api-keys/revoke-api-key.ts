import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { apiKeys } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

/** Revokes a key of this clinic at once: the next request with it gets 401. */
export async function revokeApiKey(tx: Tx, params: { clinicId: string; actor: Actor; apiKeyId: string }) {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, params.apiKeyId), eq(apiKeys.clinicId, params.clinicId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name });
  if (!row) throw new AppError("not_found", "This API key was not found or is already revoked.");
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "api_key.revoke",
    entityType: "api_key",
    entityId: row.id,
    before: { revoked: false },
    after: { revoked: true, name: row.name },
  });
}
