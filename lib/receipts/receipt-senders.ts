import "server-only";
import { Resend } from "resend";
import { env } from "@/lib/env";
import { outboxTransport, type Transport } from "@/lib/providers/transport";
import { transportsFromEnv } from "@/lib/providers/transports-from-env";

export interface SentReceipt {
  providerId: string;
  transport: "resend" | "twilio" | "outbox";
}

/** How a receipt leaves the app; tests pass their own, the app uses receiptSendersFromEnv(). */
export interface ReceiptSenders {
  email(message: {
    to: string;
    subject: string;
    html: string;
    text: string;
    idempotencyKey: string;
  }): Promise<SentReceipt>;
  /** Texts go the outreach way (lib/receipts/text-receipt.ts): committed first, looked up after a timeout. */
  sms: Transport;
}

/** Records only; the Outbox of the demo and tests (no provider is called). */
export const outboxReceiptSenders: ReceiptSenders = {
  email: async (message) => ({ providerId: `outbox-${message.idempotencyKey}`, transport: "outbox" }),
  sms: outboxTransport,
};

/**
 * Texts through the outreach SMS transport (Twilio when configured, else the outbox). Email
 * through Resend when configured, with the receipt's own React Email HTML and an idempotency
 * key per receipt so a retried step sends once; else the outbox.
 */
export function receiptSendersFromEnv(): ReceiptSenders {
  const { RESEND_API_KEY, RESEND_FROM, RESEND_BASE_URL } = env();
  const sms = transportsFromEnv().sms;
  if (!RESEND_API_KEY || !RESEND_FROM) return { ...outboxReceiptSenders, sms };
  const resend = new Resend(RESEND_API_KEY, RESEND_BASE_URL ? { baseUrl: RESEND_BASE_URL } : undefined);
  return {
    sms,
    async email(message) {
      const { data, error } = await resend.emails.send(
        { from: RESEND_FROM, to: [message.to], subject: message.subject, html: message.html, text: message.text },
        { idempotencyKey: message.idempotencyKey },
      );
      if (error || !data) throw new Error(`Resend refused the receipt: ${error?.name ?? "unknown"}`);
      return { providerId: data.id, transport: "resend" };
    },
  };
}
