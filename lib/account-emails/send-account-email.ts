import { randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import { createElement } from "react";
import { AccountEmail, type AccountEmailProps } from "@/components/emails/account-email";
import type { Executor } from "@/db/connect";
import { accountEmails } from "@/db/schema";
import type { Transport } from "@/lib/providers/transport";

/**
 * Sends an email to a staff member (invitation, password reset) through the outreach email
 * transport, and records it; with the outbox transport it shows on the clinic's Outbox page.
 */
export async function sendAccountEmail(
  db: Executor,
  transport: Transport,
  params: {
    clinicId: string | null;
    clinicName: string;
    kind: "invitation" | "password_reset";
    to: string;
    subject: string;
    content: AccountEmailProps;
  },
): Promise<{ id: string }> {
  const id = randomUUID();
  const body = await render(createElement(AccountEmail, params.content), { plainText: true });
  const sent = await transport.send({
    messageId: id,
    to: params.to,
    subject: params.subject,
    body,
    clinicName: params.clinicName,
  });
  await db.insert(accountEmails).values({
    id,
    clinicId: params.clinicId,
    kind: params.kind,
    destination: params.to,
    subject: params.subject,
    body,
    transport: transport.name,
    providerId: sent.providerId,
  });
  return { id };
}
