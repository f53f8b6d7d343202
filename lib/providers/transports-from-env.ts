import "server-only";
import { env } from "@/lib/env";
import { resendTransport } from "./resend";
import { outboxTransport, type Transports } from "./transport";
import { twilioTransport } from "./twilio";

let cached: Transports | undefined;

/** Real providers when their credentials are set, otherwise the local outbox. */
export function transportsFromEnv(): Transports {
  if (cached) return cached;
  const e = env();
  const sms =
    e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
      ? twilioTransport({
          accountSid: e.TWILIO_ACCOUNT_SID,
          authToken: e.TWILIO_AUTH_TOKEN,
          messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
          fromNumber: e.TWILIO_FROM_NUMBER,
          statusCallbackUrl: new URL("/api/webhooks/twilio/status", e.APP_URL).toString(),
          apiOrigin: e.TWILIO_API_ORIGIN,
        })
      : outboxTransport;
  const email =
    e.RESEND_API_KEY && e.RESEND_FROM
      ? resendTransport({ apiKey: e.RESEND_API_KEY, from: e.RESEND_FROM, baseUrl: e.RESEND_BASE_URL })
      : outboxTransport;
  cached = { sms, email };
  return cached;
}
