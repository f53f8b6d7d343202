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
  const form = await request.formData();
  const params: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") params[key] = value;
  const { pathname, search } = new URL(request.url);
  const publicUrl = new URL(pathname + search, config.appUrl).toString();
  return twilio.validateRequest(config.authToken, signature, publicUrl, params) ? params : null;
}
