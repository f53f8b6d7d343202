import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from "./lib/security/security-headers";

const nextConfig: NextConfig = {
  // Native and WASM packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  // e2e builds go to their own folder so they never clash with a running dev server.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // The bench build (bench/run-http.ts) also serves page.bench.tsx files: its framework-floor page, never in a product build.
  pageExtensions:
    process.env.BENCH_PAGES === "1" ? ["bench.tsx", "tsx", "ts", "jsx", "js"] : ["tsx", "ts", "jsx", "js"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden(): a role without access gets a 403 page instead of a generic error.
  experimental: { authInterrupts: true },
  // Static files get the fixed headers here; pages and API routes also get CSP and HSTS from
  // proxy.ts. The webhooks skip the proxy (see its matcher), so their policy is set here.
  async headers() {
    const headers = Object.entries(staticSecurityHeaders(false)).map(([key, value]) => ({ key, value }));
    return [
      { source: "/:path*", headers },
      {
        source: "/api/webhooks/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
