import { ApiReference } from "@scalar/nextjs-api-reference";

/**
 * The API reference (Scalar), rendered from /api/v1/openapi.json. It works offline: the
 * bundle is served from node_modules by ./scalar.js, and default web fonts and telemetry are
 * off. Under a nonce CSP the proxy passes the nonce in `x-nonce`; Scalar then puts it on its
 * script and style tags.
 */
export function GET(request: Request) {
  const nonce = request.headers.get("x-nonce") ?? undefined;
  return ApiReference({
    url: "/api/v1/openapi.json",
    cdn: "/api/v1/docs/scalar.js",
    pageTitle: "Clinic Billing API",
    withDefaultFonts: false,
    telemetry: false,
    nonce,
  })();
}
