export { auth as proxy } from "@/lib/auth/config";

// Signed-out visitors to staff pages are sent to /login (the `authorized` callback).
// Patient links, webhooks, Inngest, the API (its own keys) and static files are left alone.
export const config = {
  matcher: [
    "/((?!api/auth|api/inngest|api/webhooks|api/v1|imports/upload|login|p/|_next/static|_next/image|favicon.ico|robots.txt).*)",
  ],
};
