import { headers } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientIp } from "@/lib/security/request-ip";
import { readSessionClaims, type SessionClaims, secureSessionCookie } from "./session-cookie";
import { signInWithPassword } from "./sign-in";
import { ABSOLUTE_SESSION_MS } from "./staff-sessions";

export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}

export const { handlers, signIn, signOut } = NextAuth({
  trustHost: true,
  // A getter: Auth.js reads it per request, so the environment is never read during the build.
  get useSecureCookies() {
    return secureSessionCookie();
  },
  // The cookie lives as long as the longest session; the server row decides the idle and
  // absolute timeouts, so it sees an expired session come back and records the expiry.
  session: { strategy: "jwt", maxAge: ABSOLUTE_SESSION_MS / 1000, updateAge: 0 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const { db } = await getDb();
        const outcome = await signInWithPassword(db, raw, clientIp(request.headers));
        if (outcome.kind === "throttled") throw new TooManyAttempts();
        return outcome.kind === "signed_in" ? outcome.user : null;
      },
    }),
  ],
  callbacks: {
    // Only sign-in sets the claim; an "update" from the browser is ignored, so nothing it sends counts.
    jwt({ token, user }) {
      if (user && "sessionId" in user) token.sessionId = user.sessionId;
      return token;
    },
  },
});

/** The ids this request's session carries, validated; null when signed out or the token is malformed. */
export async function sessionClaims(): Promise<SessionClaims | null> {
  return readSessionClaims((await headers()).get("cookie"));
}
