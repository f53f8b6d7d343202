import { render } from "@react-email/render";
import { createElement } from "react";
import { Resend } from "resend";
import { OutreachEmail } from "@/components/emails/outreach-email";
import type { Transport } from "./transport";

export interface ResendConfig {
  apiKey: string;
  from: string;
  /** Test-only: a local fake of api.resend.com. */
  baseUrl?: string;
}

export function resendTransport(config: ResendConfig): Transport {
  const resend = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  return {
    name: "resend",
    async send(message) {
      const subject = message.subject ?? `A message from ${message.clinicName}`;
      const element = createElement(OutreachEmail, { subject, body: message.body, clinicName: message.clinicName });
      const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
      // The message id as idempotency key: a retried step gets the first send's answer, not a second email.
      const { data, error } = await resend.emails.send(
        { from: config.from, to: [message.to], subject, html, text },
        { idempotencyKey: message.messageId },
      );
      if (error || !data)
        throw new Error(`Resend refused the email: ${error?.name ?? "unknown"}: ${error?.message ?? "no data"}`);
      return { providerId: data.id };
    },
  };
}
