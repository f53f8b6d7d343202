import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/security/request-ip";
import { signInWithPassword } from "./sign-in";
import { ABSOLUTE_SESSION_MS } from "./staff-sessions";

export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}

// The cookie carries only the id of the server-side session row (lib/auth/resolve-session.ts).
const sessionClaimsSchema = z.object({ sessionId: z.uuid() });

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // Secure (and __Secure- prefixed) session cookies whenever the app is served over https.
  // A getter: Auth.js reads it per request, so the environment is never read during the build.
  get useSecureCookies() {
    return env().APP_URL.startsWith("https://");
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
    session({ session, token }) {
      const claims = sessionClaimsSchema.safeParse(token);
      if (claims.success) Object.assign(session, claims.data);
      return session;
    },
    authorized({ auth: session }) {
      return Boolean(session?.user);
    },
  },
});

/** The ids this session carries, validated; null when signed out or the token is malformed. */
export async function sessionClaims(): Promise<z.infer<typeof sessionClaimsSchema> | null> {
  const session = await auth();
  const claims = sessionClaimsSchema.safeParse(session ?? {});
  return claims.success ? claims.data : null;
}
