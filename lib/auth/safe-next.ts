/** Only paths on this site may be returned to after signing in (the proxy sends a full URL). */
export function safeNextPath(url: string | undefined | null, host: string | null): string {
  const fallback = "/billing/invoices";
  if (!url) return fallback;
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  try {
    const parsed = new URL(url);
    return parsed.host === host ? `${parsed.pathname}${parsed.search}` : fallback;
  } catch {
    return fallback;
  }
}

/** The next sign-in step's path, carrying where to go afterwards. */
export function withNext(path: string, next: string): string {
  return next === "/billing/invoices" ? path : `${path}?next=${encodeURIComponent(next)}`;
}
