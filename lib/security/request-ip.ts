import "server-only";
import { env } from "@/lib/env";
import { clientIpFrom } from "./client-ip";

/** The client's address for this request, as TRUSTED_PROXY_HOPS says to read it. */
export function clientIp(headers: Headers): string | null {
  return clientIpFrom(headers, env().TRUSTED_PROXY_HOPS);
}
