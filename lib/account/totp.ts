import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";

const ISSUER = "Clinic Billing";
type Algorithm = "SHA1" | "SHA256" | "SHA512";

/** A new random TOTP secret (160 bits, base32), as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = "", options: { digits?: number; algorithm?: Algorithm } = {}) {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: options.algorithm ?? "SHA1",
    digits: options.digits ?? 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

/** The code for a moment (RFC 6238); the app shows the same. */
export function totpCode(
  secretBase32: string,
  timestampMs: number,
  options: { digits?: number; algorithm?: Algorithm } = {},
): string {
  return totp(secretBase32, "", options).generate({ timestamp: timestampMs });
}

/**
 * The 30-second step a 6-digit code belongs to, allowing one step of clock drift either way;
 * null when the code is wrong. Callers refuse a step at or before the last one used (no replay).
 */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/** Whether a 6-digit code is right for now (see matchTotpStep). */
export function verifyTotp(secretBase32: string, code: string, now = Date.now()): boolean {
  return matchTotpStep(secretBase32, code, now) !== null;
}

/** Ten one-time recovery codes ("xxxxx-xxxxx"), shown once; only their hashes are stored. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const raw = randomBytes(8).toString("hex").slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256")
    .update(
      code
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ""),
    )
    .digest("hex");
}
