import { eq } from "drizzle-orm";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { findUserByEmail, listActiveClinicIds } from "./find-user";
import { decoyPasswordHash, verifyPassword } from "./password";
import { clearSignInFailures, recordSignInFailure, secondsUntilAllowed, throttleKeys } from "./sign-in-throttle";
import { startStaffSession } from "./staff-sessions";

/** Sessions end after this long without a request. */
export const IDLE_TIMEOUT_SECONDS = 30 * 60;

export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(200),
});

// The cookie carries only the id of the server-side session row (lib/auth/resolve-session.ts).
const sessionClaimsSchema = z.object({ sessionId: z.uuid() });

export function requestIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
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
        const keys = throttleKeys(email, requestIp(request.headers));
        if ((await secondsUntilAllowed(db, keys)) > 0) throw new TooManyAttempts();

        const user = await findUserByEmail(db, email);
        const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
        const clinicIds = user && valid ? await listActiveClinicIds(db, user.id) : [];
        // A deactivated member gets the same answer as a wrong password: nothing is revealed.
        if (!user || !valid || clinicIds.length === 0) {
          await recordSignInFailure(db, keys);
          return null;
        }
        await clearSignInFailures(db, keys.slice(0, 1));
        const sessionId = await startStaffSession(db, {
          userId: user.id,
          clinicId: clinicIds.length === 1 ? (clinicIds[0] ?? null) : null,
          needsSecondFactor: user.totpEnabledAt !== null,
          ip: requestIp(request.headers),
        });
        await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
        return { id: user.id, email: user.email, name: user.name, sessionId };
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
