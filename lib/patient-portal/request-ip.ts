import "server-only";

/**
 * The client's address as the proxy in front of the app reports it (first X-Forwarded-For
 * entry, as sign-in does). Deployments must sit behind a proxy that sets this header.
 */
export function requestIp(headers: Headers): string | null {
  const ip = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "";
  return ip && ip.length <= 64 ? ip : null;
}
