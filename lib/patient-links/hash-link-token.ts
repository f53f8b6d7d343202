import { createHash } from "node:crypto";

/**
 * The only form of a patient link token that is stored. Not server-only, so the e2e seed
 * (run by tsx) stores its known tokens the same way the app does.
 */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
