import twilio from "twilio";
import RequestClient from "twilio/lib/base/RequestClient";
import { isRenderingOf } from "@/lib/patient-links/link-placeholder";
import { PermanentSendError, type Transport } from "./transport";
import { isPermanentTwilioCode, twilioCodeReason } from "./twilio-codes";

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  messagingServiceSid?: string;
  fromNumber?: string;
  /** Where Twilio posts delivery receipts: APP_URL + /api/webhooks/twilio/status (the message id is added). */
  statusCallbackUrl: string;
  /** Test-only: a local fake of api.twilio.com. */
  apiOrigin?: string;
}

/**
 * The SDK has no base-URL option, so a local fake is reached through its HTTP client:
 * the same request (path, form body, Basic auth) goes to another origin.
 */
class LocalOriginRequestClient extends RequestClient {
  constructor(private readonly origin: string) {
    super();
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const url = new URL(opts.uri);
    const target = new URL(this.origin);
    url.protocol = target.protocol;
    url.host = target.host;
    return super.request<TData>({ ...opts, uri: url.toString() });
  }
}

export function twilioTransport(config: TwilioConfig): Transport {
  const client = twilio(config.accountSid, config.authToken, {
    ...(config.apiOrigin ? { httpClient: new LocalOriginRequestClient(config.apiOrigin) } : {}),
  });
  return {
    name: "twilio",
    async send(message) {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          // The message id in the URL matches a receipt that arrives before the sid is saved.
          statusCallback: statusCallbackFor(config.statusCallbackUrl, message.messageId),
          ...(config.messagingServiceSid
            ? { messagingServiceSid: config.messagingServiceSid }
            : { from: config.fromNumber }),
        });
        return { providerId: sent.sid };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === "number" && isPermanentTwilioCode(String(code))) {
          throw new PermanentSendError(String(code), twilioCodeReason(String(code)));
        }
        throw error;
      }
    },
    async lookup(message) {
      // Same number, same text, sent since the attempt: the one the timed-out call created.
      const recent = await client.messages.list({ to: message.to, dateSentAfter: message.attemptedAt, limit: 50 });
      // Twilio's date filter is by day: only texts created since the attempt (to the second) count.
      const since = message.attemptedAt.getTime() - 1000;
      const match = recent.find(
        (sent) =>
          sent.direction.startsWith("outbound") &&
          sent.dateCreated.getTime() >= since &&
          isRenderingOf(message.storedBody, sent.body),
      );
      return match ? { providerId: match.sid } : null;
    },
  };
}

export function statusCallbackFor(base: string, messageId: string): string {
  const url = new URL(base);
  url.searchParams.set("messageId", messageId);
  return url.toString();
}
