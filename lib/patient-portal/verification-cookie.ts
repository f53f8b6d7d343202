import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";

/** How long a confirmed date of birth keeps the statement open. */
export const VERIFICATION_MINUTES = 30;
export const VERIFICATION_COOKIE = "patient_verified";

const cookieValueSchema = z
  .string()
  .max(200)
  .regex(/^[0-9a-f-]{36}\.\d{10,16}\.[A-Za-z0-9_-]{43}$/)
  .transform((value) => {
    const [linkId = "", expiresAt = "", signature = ""] = value.split(".");
    return { linkId, expiresAtMs: Number(expiresAt), signature };
  })
  .pipe(z.object({ linkId: z.uuid(), expiresAtMs: z.number().int().positive(), signature: z.string() }));

function sign(linkId: string, expiresAtMs: number, secret: string): string {
  return createHmac("sha256", secret).update(`patient-link-verified:${linkId}:${expiresAtMs}`).digest("base64url");
}

/** A value bound to one link and an expiry, signed with AUTH_SECRET so it cannot be forged or moved. */
export function createVerificationValue(linkId: string, now = new Date(), secret = env().AUTH_SECRET) {
  const expiresAt = new Date(now.getTime() + VERIFICATION_MINUTES * 60_000);
  return { value: `${linkId}.${expiresAt.getTime()}.${sign(linkId, expiresAt.getTime(), secret)}`, expiresAt };
}

/** True only for an unexpired value signed for exactly this link. */
export function isVerifiedFor(
  cookieValue: string | undefined,
  linkId: string,
  now = new Date(),
  secret = env().AUTH_SECRET,
): boolean {
  const parsed = cookieValueSchema.safeParse(cookieValue);
  if (!parsed.success) return false;
  const { linkId: cookieLinkId, expiresAtMs, signature } = parsed.data;
  if (cookieLinkId !== linkId || expiresAtMs <= now.getTime()) return false;
  // A forged far-future expiry fails the signature; this also caps a valid one.
  if (expiresAtMs > now.getTime() + VERIFICATION_MINUTES * 60_000) return false;
  const expected = Buffer.from(sign(linkId, expiresAtMs, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function verificationCookieOptions(expiresAt: Date) {
  return {
    httpOnly: true,
    secure: env().APP_URL.startsWith("https://"),
    sameSite: "lax" as const,
    path: "/p/",
    expires: expiresAt,
  };
}
