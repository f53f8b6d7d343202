import { isIP } from "node:net";

/**
 * Set on every incoming request from the TCP peer's address (see socket-address-hook.ts),
 * overwriting anything a client sent under the same name.
 */
export const SOCKET_ADDRESS_HEADER = "x-clinic-socket-address";

/** "::ffff:203.0.113.7" → "203.0.113.7"; anything that is not an IP address → null. */
function normalizeIp(raw: string | undefined | null): string | null {
  const value = raw?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "") ?? "";
  return value.length > 0 && value.length <= 45 && isIP(value) !== 0 ? value : null;
}

/**
 * The one place the client's address comes from, for every rate limit and audit row.
 * With no trusted proxy (hops = 0) it is the socket's peer; clients can put anything in
 * X-Forwarded-For, so the header is ignored. With N proxies in front, each appends the
 * address it saw, so the client is the Nth entry from the right; entries further left
 * were written by the client and are never trusted.
 */
export function clientIpFrom(headers: Headers, trustedProxyHops: number): string | null {
  if (trustedProxyHops <= 0) return normalizeIp(headers.get(SOCKET_ADDRESS_HEADER));
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  // Fewer entries than proxies: every entry came from a trusted proxy; the leftmost is the client.
  if (forwarded.length === 0) return normalizeIp(headers.get(SOCKET_ADDRESS_HEADER));
  const index = Math.max(0, forwarded.length - trustedProxyHops);
  return normalizeIp(forwarded[index]);
}
