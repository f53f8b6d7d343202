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
  const token = await getToken({
    req: { headers: { cookie: cookieHeader } },
    secret: env().AUTH_SECRET,
    secureCookie: secureSessionCookie(),
  });
  const claims = sessionClaimsSchema.safeParse(token ?? {});
  return claims.success ? claims.data : null;
}
