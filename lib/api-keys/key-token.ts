import { createHash, randomBytes } from "node:crypto";

/** A new key: "cbk_" + 32 random bytes (base64url). High entropy, so a plain SHA-256 is a safe hash. */
export function newApiKeyToken(): string {
  return `cbk_${randomBytes(32).toString("base64url")}`;
}

export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What the list shows of a key: enough to tell keys apart, useless to an attacker. */
export function apiKeyPrefix(token: string): string {
  return token.slice(0, 10);
}
