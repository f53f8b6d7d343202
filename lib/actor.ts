/** Who caused a change: a signed-in staff member, a background job, or a patient on their link. */
export type Actor =
  | { kind: "user"; userId: string; ip?: string | null }
  | { kind: "system" }
  | { kind: "patient"; ip?: string | null }
  | { kind: "api_key"; apiKeyId: string; name: string; ip?: string | null };

export const SYSTEM: Actor = { kind: "system" };

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

export function actorApiKeyId(actor: Actor): string | null {
  return actor.kind === "api_key" ? actor.apiKeyId : null;
}

export function actorIp(actor: Actor): string | null {
  return actor.kind === "system" ? null : (actor.ip ?? null);
}
