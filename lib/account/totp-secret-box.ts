import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * TOTP secrets at rest: AES-256-GCM under a key derived from AUTH_SECRET (HKDF, its own
 * label), so a copy of the database alone can't mint codes. Stored as "v1:" + base64url of
 * iv ‖ tag ‖ ciphertext. A secret stored before encryption (no prefix) is read as it is and
 * sealed at its next use.
 */
const PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "", "clinic-billing/totp-secret/v1", 32));
}

export function sealTotpSecret(secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

export function isSealedTotpSecret(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The secret itself; null when it was tampered with or sealed under another AUTH_SECRET (recovery codes still work). */
export function openTotpSecret(stored: string): string | null {
  if (!isSealedTotpSecret(stored)) return stored;
  try {
    const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
