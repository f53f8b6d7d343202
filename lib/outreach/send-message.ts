import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { type Clinic, type Message, messages, type Patient, type Rule } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import type { Transport } from "@/lib/providers/transport";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { type Channel, channelName } from "./channels";
import { composeMessage } from "./compose-message";

export interface SendMessageParams {
  clinic: Clinic;
  patient: Patient;
  rule: Rule;
  invoiceSetId: string;
  cycle: number;
  stepIndex: number;
  channel: Channel;
  amountCents: number;
  transport: Transport;
  now: Date;
}

/**
 * Sends one channel of one rule, at most once. The message row (unique on set, cycle,
 * rule, channel) is written as "queued" before the provider is called; a retry finds it
 * and, if the provider already took it, does nothing. Provider errors propagate: the row
 * stays queued without a provider id and the retried step sends it then.
 */
export async function sendMessage(
  db: Db,
  params: SendMessageParams,
): Promise<{ message: Message; alreadySent: boolean }> {
  const { clinic, patient, rule, channel, now } = params;
  const key = and(
    eq(messages.invoiceSetId, params.invoiceSetId),
    eq(messages.sequenceCycle, params.cycle),
    eq(messages.ruleId, rule.id),
    eq(messages.channel, channel),
  );
  const row = await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(messages).where(key);
    if (existing) return existing;
    const { subject, body } = await composeMessage(tx, {
      clinic,
      patient,
      rule,
      invoiceSetId: params.invoiceSetId,
      amountCents: params.amountCents,
      now,
    });
    const [inserted] = await tx
      .insert(messages)
      .values({
        clinicId: clinic.id,
        invoiceSetId: params.invoiceSetId,
        ruleId: rule.id,
        sequenceCycle: params.cycle,
        stepIndex: params.stepIndex,
        channel,
        transport: params.transport.name,
        destination: channel === "sms" ? (patient.phone ?? "") : (patient.email ?? ""),
        subject: channel === "email" ? subject : null,
        body,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) return inserted;
    const [raced] = await tx.select().from(messages).where(key);
    if (!raced)
      throw new AppError("conflict", "The message changed while it was being queued; it will be tried again.");
    return raced;
  });
  if (row.providerId || row.status !== "queued") return { message: row, alreadySent: true };

  const result = await params.transport.send({
    messageId: row.id,
    to: row.destination,
    subject: row.subject,
    body: row.body,
    clinicName: clinic.name,
  });

  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(messages)
      .set({ providerId: result.providerId, status: result.status, sentAt: now, updatedAt: now })
      .where(and(eq(messages.id, row.id), eq(messages.status, "queued")))
      .returning();
    await recordTimelineEvent(tx, {
      clinicId: clinic.id,
      invoiceSetId: params.invoiceSetId,
      kind: "message_sent",
      actor: SYSTEM,
      summary: `${channelName(channel)} sent${row.transport === "outbox" ? " (outbox)" : ""}: ${rule.title}`,
      details: {
        messageId: row.id,
        channel,
        stepIndex: params.stepIndex,
        transport: row.transport,
        destination: row.destination,
      },
      occurredAt: now,
    });
    return { message: updated ?? row, alreadySent: false };
  });
}
