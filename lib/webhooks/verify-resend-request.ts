import { Resend } from "resend";

export type ResendVerification = { ok: true; id: string; payload: unknown } | { ok: false; status: 401 | 403 };

/** Checks a Resend (svix) webhook over its raw body with the SDK's own verifier. */
export async function verifyResendRequest(
  request: Request,
  webhookSecret: string | undefined,
): Promise<ResendVerification> {
  const id = request.headers.get("svix-id");
  const timestamp = request.headers.get("svix-timestamp");
  const signature = request.headers.get("svix-signature");
  if (!webhookSecret || !id || !timestamp || !signature) return { ok: false, status: 401 };
  const rawBody = await request.text();
  try {
    // The verifier needs no API key; a placeholder keeps the constructor from reading the env.
    const payload = new Resend("re_webhook_verification").webhooks.verify({
      payload: rawBody,
      headers: { id, timestamp, signature },
      webhookSecret,
    });
    return { ok: true, id, payload };
  } catch {
    return { ok: false, status: 403 };
  }
}
