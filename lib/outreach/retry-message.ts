import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clinics, invoiceSets, messages, webhookReceipts } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import type { Transports } from "@/lib/providers/transport";
import { classifyTwilioCode } from "@/lib/providers/twilio-codes";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { claimWebhookReceipt } from "@/lib/webhooks/claim-receipt";
import { channelName } from "./channels";

/**
 * Sends a temporarily failed message once more, if its set is still Active. At most one
 * retry per message (a receipt row marks it); the row keeps its key and gets the new
 * provider id, so delivery receipts for the retry land on it.
 */
export async function retryMessage(
  db: Db,
  transports: Transports,
  ref: { clinicId: string; messageId: string },
  now: Date,
): Promise<"retried" | "skipped"> {
  const [row] = await db
    .select({ message: messages, setStatus: invoiceSets.status, clinicName: clinics.name })
    .from(messages)
    .innerJoin(invoiceSets, eq(invoiceSets.id, messages.invoiceSetId))
    .innerJoin(clinics, eq(clinics.id, messages.clinicId))
    .where(and(eq(messages.id, ref.messageId), eq(messages.clinicId, ref.clinicId)));
  if (row?.setStatus !== "active" || !["undelivered", "failed", "bounced"].includes(row.message.status))
    return "skipped";
  if (
    row.message.channel === "sms" &&
    (!row.message.errorCode || classifyTwilioCode(row.message.errorCode) !== "temporary")
  )
    return "skipped";
  if (!(await claimWebhookReceipt(db, "retry", ref.messageId))) return "skipped";

  const { message } = row;
  const transport = transports[message.channel];
  let result: Awaited<ReturnType<typeof transport.send>>;
  try {
    result = await transport.send({
      messageId: `${message.id}-retry`,
      to: message.destination,
      subject: message.subject,
      body: message.body,
      clinicName: row.clinicName,
    });
  } catch (error) {
    // Let the step retry: release the one-retry marker first.
    await db
      .delete(webhookReceipts)
      .where(and(eq(webhookReceipts.provider, "retry"), eq(webhookReceipts.eventKey, ref.messageId)));
    throw error;
  }
  await db.transaction(async (tx) => {
    await tx
      .update(messages)
      .set({
        providerId: result.providerId,
        transport: transport.name,
        status: result.status,
        errorCode: null,
        errorMessage: null,
        failedAt: null,
        sentAt: now,
        updatedAt: now,
      })
      .where(eq(messages.id, message.id));
    await recordTimelineEvent(tx, {
      clinicId: ref.clinicId,
      invoiceSetId: message.invoiceSetId,
      kind: "message_sent",
      actor: SYSTEM,
      summary: `${channelName(message.channel)} re-sent after a temporary failure (${message.errorCode ?? "no code"})`,
      details: { messageId: message.id, retry: true },
      occurredAt: now,
    });
  });
  return "retried";
}
