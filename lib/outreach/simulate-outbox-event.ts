import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { messages } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { handleResendEvent } from "@/lib/webhooks/resend-event";
import { handleTwilioInbound } from "@/lib/webhooks/twilio-inbound";
import { handleTwilioStatus } from "@/lib/webhooks/twilio-status";
import { SIMULATIONS, type Simulation } from "./simulations";

/**
 * The Outbox's "Simulate" menu: what a provider would report about an outbox message,
 * run through the very handlers the signed webhooks call (status callback, Resend event,
 * inbound text), so the demo shows the real effects. Outbox messages only.
 */
export async function simulateOutboxEvent(
  db: Db,
  params: { clinicId: string; actor: Actor; messageId: string; simulation: Simulation },
): Promise<string> {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, params.messageId), eq(messages.clinicId, params.clinicId)));
  if (!message) throw new AppError("not_found", "This message was not found.");
  if (message.transport !== "outbox" || !message.providerId)
    throw new AppError("invalid_input", "Only messages the outbox recorded can be simulated.");
  const spec = SIMULATIONS[params.simulation];
  if (!(spec.channels as readonly string[]).includes(message.channel))
    throw new AppError("invalid_input", `“${spec.label}” doesn't apply to this kind of message.`);
  await recordAudit(db, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "outbox.simulate",
    entityType: "message",
    entityId: message.id,
    after: { simulation: params.simulation },
  });

  const sid = message.providerId;
  switch (params.simulation) {
    case "delivered":
      return message.channel === "sms"
        ? handleTwilioStatus(db, { MessageSid: sid, MessageStatus: "delivered" })
        : handleResendEvent(db, `sim-${randomUUID()}`, { type: "email.delivered", data: { email_id: sid } });
    case "failed_landline":
      return handleTwilioStatus(db, { MessageSid: sid, MessageStatus: "undelivered", ErrorCode: "30006" });
    case "failed_invalid":
      return handleTwilioStatus(db, { MessageSid: sid, MessageStatus: "failed", ErrorCode: "21211" });
    case "bounced":
      return handleResendEvent(db, `sim-${randomUUID()}`, {
        type: "email.bounced",
        data: { email_id: sid, bounce: { type: "Permanent", message: "the mailbox does not exist" } },
      });
    case "reply_stop":
      await handleTwilioInbound(db, {
        MessageSid: `SMsim${randomUUID().replace(/-/g, "")}`,
        From: message.destination,
        Body: "STOP",
      });
      return "applied";
  }
}
