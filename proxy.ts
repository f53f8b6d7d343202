export { auth as proxy } from "@/lib/auth/config";

// Signed-out visitors to staff pages are sent to /login (the `authorized` callback).
// Patient links, webhooks, Inngest, the API (its own keys), the import upload (its own check;
// no body buffering), static files and the signed-out account pages
// (first-run setup, invitations, password reset) are left alone.
export const config = {
  matcher: [
    "/((?!api/auth|api/inngest|api/webhooks|api/v1|imports/upload|login|setup|invite/|reset|p/|_next/static|_next/image|favicon.ico|robots.txt).*)",
  ],
};
