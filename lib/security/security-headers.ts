/** Where Stripe Checkout lives: the patient page's pay form posts there (its redirect is a form-action). */
const STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com";

/**
 * The Content-Security-Policy of one page response (Next.js's nonce pattern): scripts only
 * with this request's nonce, no framing anywhere, and Stripe only on the patient pages
 * where Checkout is reached. Styles allow inline attributes (the UI library positions
 * popovers with them); nothing else inline runs.
 */
export function contentSecurityPolicy(params: { nonce: string; pathname: string; dev: boolean; https: boolean }) {
  const patientPage = params.pathname.startsWith("/p/");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${params.nonce}' 'strict-dynamic'${params.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${patientPage ? ` ${STRIPE_CHECKOUT_ORIGIN}` : ""}`,
    "frame-ancestors 'none'",
    ...(params.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** For responses that are not pages (API routes, webhooks): nothing may run or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries; HSTS only when the app is served over https. */
export function staticSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), usb=(), payment=(), interest-cohort=()",
    "X-Frame-Options": "DENY",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** A fresh, unguessable nonce per request. */
export function createNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}
