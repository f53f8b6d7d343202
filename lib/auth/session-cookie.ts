import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { env } from "@/lib/env";

// The cookie carries only the id of the server-side session row (lib/auth/resolve-session.ts).
const sessionClaimsSchema = z.object({ sessionId: z.uuid() });
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/** Secure (and __Secure- prefixed) session cookies whenever the app is served over https. */
export function secureSessionCookie(): boolean {
  return env().APP_URL.startsWith("https://");
}

/**
 * The claims in a request's session cookie, validated; null when there is none or it is
 * malformed, expired or sealed with another secret. Only decodes: Auth.js's own `auth()`
 * also seals a fresh cookie on every call, twice the cryptography per request for a cookie
 * nothing needs refreshed (it lives as long as the longest session; the session row decides
 * the rest). Only the Cookie header is read, so an Authorization header is never a session.
 */
export async function readSessionClaims(cookieHeader: string | null): Promise<SessionClaims | null> {
  if (!cookieHeader) return null;
  const req = { headers: { cookie: cookieHeader } };
  const secureCookie = secureSessionCookie();
  const sealed = await getToken({ req, secureCookie, raw: true });
  if (!sealed) return null;
  const known = opened.get(sealed);
  if (known) {
    if (known.expiresAt > Date.now()) return known.claims;
    opened.delete(sealed);
  }
  const token = await getToken({ req, secret: env().AUTH_SECRET, secureCookie });
  const claims = sessionClaimsSchema.safeParse(token ?? {});
  if (!claims.success) return null;
  remember(sealed, claims.data, typeof token?.exp === "number" ? token.exp * 1000 : Date.now());
  return claims.data;
}

/**
 * Cookies this process has opened, by their sealed text, until they expire: a session's
 * cookie comes back unchanged on each of its requests (and twice per page, proxy and page),
 * and opening it is most of the cryptography a staff request does. Only valid cookies are
 * kept, at most MAX_OPENED, the oldest dropped first.
 */
const opened = new Map<string, { claims: SessionClaims; expiresAt: number }>();
const MAX_OPENED = 10_000;

function remember(sealed: string, claims: SessionClaims, expiresAt: number) {
  if (opened.size >= MAX_OPENED) opened.delete(opened.keys().next().value as string);
  opened.set(sealed, { claims, expiresAt });
}
