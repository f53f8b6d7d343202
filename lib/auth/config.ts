import { headers } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/security/request-ip";
import { findUserForSignIn } from "./find-user";
import { decoyPasswordHash, verifyPassword } from "./password";
import { recordAuthEvent } from "./record-auth-event";
import { clearSignInFailures, recordSignInFailure, secondsUntilAllowed, throttleKeys } from "./sign-in-throttle";

/** Sessions end after this long without a request. */
export const IDLE_TIMEOUT_SECONDS = 30 * 60;

export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(200),
});

const sessionClaimsSchema = z.object({
  userId: z.uuid(),
  clinicId: z.uuid(),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // Secure (and __Secure- prefixed) session cookies whenever the app is served over https.
  // A getter: Auth.js reads it per request, so the environment is never read during the build.
  get useSecureCookies() {
    return env().APP_URL.startsWith("https://");
  },
  session: { strategy: "jwt", maxAge: IDLE_TIMEOUT_SECONDS, updateAge: 0 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const { db } = await getDb();
        const ip = clientIp(request.headers);
        const keys = throttleKeys(email, ip);
        if ((await secondsUntilAllowed(db, keys)) > 0) throw new TooManyAttempts();

        const user = await findUserForSignIn(db, email);
        const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
        if (!user || !valid) {
          await recordSignInFailure(db, keys);
          // An unknown email has no clinic to audit under; the throttle counts it.
          if (user)
            await recordAuthEvent(db, { userId: user.id, clinicId: user.clinicId, ip, action: "auth.sign_in_failed" });
          return null;
        }
        await clearSignInFailures(db, keys.slice(0, 1));
        await recordAuthEvent(db, { userId: user.id, clinicId: user.clinicId, ip, action: "auth.sign_in" });
        return { id: user.id, email: user.email, name: user.name, clinicId: user.clinicId };
      },
    }),
  ],
  events: {
    async signOut(message) {
      const claims = sessionClaimsSchema.safeParse("token" in message ? message.token : null);
      if (!claims.success) return;
      const { db } = await getDb();
      await recordAuthEvent(db, { ...claims.data, ip: clientIp(await headers()), action: "auth.sign_out" });
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user && "clinicId" in user) {
        token.userId = user.id;
        token.clinicId = user.clinicId;
      }
      return token;
    },
    session({ session, token }) {
      const claims = sessionClaimsSchema.safeParse(token);
      if (claims.success) Object.assign(session, claims.data);
      return session;
    },
  },
});

/** The ids this session carries, validated; null when signed out or the token is malformed. */
export async function sessionClaims(): Promise<z.infer<typeof sessionClaimsSchema> | null> {
  const session = await auth();
  const claims = sessionClaimsSchema.safeParse(session ?? {});
  return claims.success ? claims.data : null;
}
