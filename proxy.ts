import { type NextRequest, NextResponse } from "next/server";
import { readSessionClaims } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  createNonce,
  staticSecurityHeaders,
} from "@/lib/security/security-headers";

/**
 * Paths anyone may open: sign-in, the signed-out account pages (first-run setup, invitations,
 * password reset), patient links, and routes that check their own signatures or sessions.
 */
const PUBLIC_PATHS = [/^\/login(\/|$)/, /^\/setup(\/|$)/, /^\/invite\//, /^\/reset/, /^\/p\//, /^\/api\//];

function withSecurityHeaders(request: NextRequest, build: (requestHeaders: Headers) => NextResponse): NextResponse {
  const https = env().APP_URL.startsWith("https://");
  const { pathname } = request.nextUrl;
  // The API reference is a page (Scalar), the rest of /api/ is data.
  const isApi = pathname.startsWith("/api/") && !pathname.startsWith("/api/v1/docs");
  const nonce = createNonce();
  const policy = isApi
    ? API_CONTENT_SECURITY_POLICY
    : contentSecurityPolicy({ nonce, pathname, dev: env().NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = build(requestHeaders);
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(staticSecurityHeaders(https))) response.headers.set(name, value);
  return response;
}

/**
 * Signed-out visitors to staff pages are sent to /login, to come back here after. Only a
 * convenience: every page, action and route checks the session row on the server itself.
 */
export async function proxy(request: NextRequest) {
  const signedOut =
    !PUBLIC_PATHS.some((path) => path.test(request.nextUrl.pathname)) &&
    !(await readSessionClaims(request.headers.get("cookie")));
  if (signedOut) {
    const signIn = new URL("/login", request.nextUrl);
    signIn.searchParams.set("callbackUrl", request.nextUrl.href);
    return withSecurityHeaders(request, () => NextResponse.redirect(signIn));
  }
  return withSecurityHeaders(request, (requestHeaders) => NextResponse.next({ request: { headers: requestHeaders } }));
}

// Every response gets the security headers here, except two kinds of route that check their
// own caller: the import upload (a proxy would buffer its body, capped at 10 MB) and the
// provider webhooks (signed server-to-server calls in bursts, where the proxy's pass costs
// latency; next.config.ts gives them their fixed headers and the API policy).
export const config = {
  matcher: [
    {
      source: "/((?!imports/upload|api/webhooks/|_next/static|_next/image|favicon.ico|robots.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
