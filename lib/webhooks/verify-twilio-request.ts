import twilio from "twilio";

/**
 * Reads a Twilio webhook's form body and checks its X-Twilio-Signature with the SDK's own
 * validator, over the public URL Twilio was given (APP_URL + path), not the URL this
 * server sees behind a proxy. Returns the params, or null when unsigned or forged.
 */
export async function readVerifiedTwilioForm(
  request: Request,
  config: { authToken: string | undefined; appUrl: string },
): Promise<Record<string, string> | null> {
  const signature = request.headers.get("x-twilio-signature");
  if (!config.authToken || !signature) return null;
  // Twilio always posts a form; any other body is refused as unsigned, never parsed into a 500.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/x-www-form-urlencoded")) return null;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(await request.text()).entries()) params[key] = value;
  const { pathname, search } = new URL(request.url);
  const publicUrl = new URL(pathname + search, config.appUrl).toString();
  return twilio.validateRequest(config.authToken, signature, publicUrl, params) ? params : null;
}
