import type { Tx } from "@/db/connect";
import { apiKeys } from "@/db/schema";
import { type Actor, actorUserId } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { CreateApiKeyInput } from "./api-key-input";
import { apiKeyPrefix, hashApiKeyToken, newApiKeyToken } from "./key-token";

/** Makes a key for this clinic. The token is returned once, here; only its hash is kept. */
export async function createApiKey(
  tx: Tx,
  params: { clinicId: string; actor: Actor; input: CreateApiKeyInput },
): Promise<{ id: string; token: string }> {
  const token = newApiKeyToken();
  const [row] = await tx
    .insert(apiKeys)
    .values({
      clinicId: params.clinicId,
      name: params.input.name,
      scope: params.input.scope,
      prefix: apiKeyPrefix(token),
      keyHash: hashApiKeyToken(token),
      createdByUserId: actorUserId(params.actor),
    })
    .returning({ id: apiKeys.id });
  if (!row) throw new Error("api key insert returned nothing");
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "api_key.create",
    entityType: "api_key",
    entityId: row.id,
    after: { name: params.input.name, scope: params.input.scope, prefix: apiKeyPrefix(token) },
  });
  return { id: row.id, token };
}
