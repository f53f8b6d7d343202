import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** 256 random bits, URL-safe. Only the SHA-256 is stored, so a database leak opens nothing. */
export function generateOneTimeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashOneTimeToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A token as it appears in a URL (43 base64url characters); anything else is refused before the database. */
export const oneTimeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
