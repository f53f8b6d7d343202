import { and, eq, isNull } from "drizzle-orm";
import { bookkeepingTransaction } from "@/db/bookkeeping-commit";
import type { Db } from "@/db/connect";
import { type Clinic, type Message, messages, type Patient, type Rule } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { bodyToSend, bodyToStore } from "@/lib/patient-links/link-placeholder";
import type { OutgoingMessage, Transport } from "@/lib/providers/transport";
import { transitionMessage } from "@/lib/state-machine/transition-message";
import { recordTimelineEvent, type TimelineEventInput } from "@/lib/timeline/record-timeline-event";
import { callProviderOnce } from "./call-provider-once";
import { type Channel, channelName } from "./channels";
import { composeMessage } from "./compose-message";

export interface SendMessageParams {
  clinic: Clinic;
  patient: Patient;
  /** What the message says: the set's rule, or (id null) a payment plan's reminder. */
  rule: Pick<Rule, "title" | "template"> & { id: string | null };
  /** The installment a payment plan's reminder is for (one per installment and channel). */
  installmentId?: string;
  invoiceSetId: string;
  cycle: number;
  stepIndex: number;
  channel: Channel;
  amountCents: number;
  transport: Transport;
  now: Date;
  /** Checks the composed text before anything goes out (the segment limit with real values). */
  check?: (body: string) => void;
}

/**
 * Sends one channel of one rule, at most once. The row (unique on set, cycle, rule,
 * channel) is written "queued", then goes to the provider through callProviderOnce
 * (committed "sending" first; after a timeout, looked up before it is sent again).
 * Provider errors propagate; the retried step comes back here.
 */
export async function sendMessage(
  db: Db,
  params: SendMessageParams,
): Promise<{ message: Message; alreadySent: boolean }> {
  const { clinic, now } = params;
  const { row, linkUrl } = await queuedRow(db, params);
  if (row.status !== "queued" && row.status !== "sending") return { message: row, alreadySent: true };
  // A stored body holds a placeholder instead of a working link (real providers): render it now.
  const body = await bodyToSend(db, {
    body: row.body,
    linkUrl,
    clinicId: clinic.id,
    invoiceSetId: params.invoiceSetId,
    patientLinkDays: clinic.patientLinkDays,
    now,
  });
  params.check?.(body);

  const outgoing: OutgoingMessage = {
    messageId: row.id,
    to: row.destination,
    subject: row.subject,
    body,
    clinicName: clinic.name,
  };
  const call = await callProviderOnce(db, { row, transport: params.transport, outgoing, now });
  if (!call) throw new AppError("conflict", "The message changed while it was being sent; it will be tried again.");
  const { attempt, result } = call;

  // Lost in a crash, the row is found "sending" and looked up before any new attempt.
  return bookkeepingTransaction(db, async (tx) => {
    const updated = await transitionMessage(tx, {
      message: attempt,
      to: "sent",
      at: now,
      changes: { providerId: result.providerId },
    });
    await recordTimelineEvent(tx, messageSentEvent(params, row));
    return { message: updated ?? attempt, alreadySent: false };
  });
}

/** The message's row, written "queued" with its text the first time. */
async function queuedRow(db: Db, params: SendMessageParams): Promise<{ row: Message; linkUrl?: string }> {
  const { clinic, patient, rule, channel, now } = params;
  const key = params.installmentId
    ? and(eq(messages.installmentId, params.installmentId), eq(messages.channel, channel))
    : and(
        eq(messages.invoiceSetId, params.invoiceSetId),
        eq(messages.sequenceCycle, params.cycle),
        rule.id ? eq(messages.ruleId, rule.id) : isNull(messages.ruleId),
        eq(messages.channel, channel),
      );
  // Made durable by the synchronous "sending" commit that follows it.
  return bookkeepingTransaction(db, async (tx) => {
    const [existing] = await tx.select().from(messages).where(key);
    if (existing) return { row: existing };
    const { subject, body, linkUrl } = await composeMessage(tx, {
      clinic,
      patient,
      rule,
      invoiceSetId: params.invoiceSetId,
      amountCents: params.amountCents,
      now,
    });
    const [inserted] = await tx
      .insert(messages)
      .values(messageRow(params, { subject, body, linkUrl }))
      .onConflictDoNothing()
      .returning();
    if (inserted) return { row: inserted, linkUrl };
    const [raced] = await tx.select().from(messages).where(key);
    if (!raced)
      throw new AppError("conflict", "The message changed while it was being queued; it will be tried again.");
    return { row: raced };
  });
}

/** The row a message is first written as ("queued"), with its composed text. */
export function messageRow(
  params: Pick<
    SendMessageParams,
    "clinic" | "patient" | "rule" | "installmentId" | "invoiceSetId" | "cycle" | "stepIndex" | "channel" | "transport"
  >,
  composed: { subject: string; body: string; linkUrl: string },
): typeof messages.$inferInsert {
  const { channel, patient } = params;
  return {
    clinicId: params.clinic.id,
    invoiceSetId: params.invoiceSetId,
    ruleId: params.rule.id,
    installmentId: params.installmentId ?? null,
    sequenceCycle: params.cycle,
    stepIndex: params.stepIndex,
    channel,
    transport: params.transport.name,
    destination: channel === "sms" ? (patient.phone ?? "") : (patient.email ?? ""),
    subject: channel === "email" ? composed.subject : null,
    body: bodyToStore(composed.body, composed.linkUrl, params.transport.name),
  };
}

/** The timeline row of a message the provider took. */
export function messageSentEvent(
  params: Pick<SendMessageParams, "clinic" | "rule" | "invoiceSetId" | "channel" | "stepIndex" | "now">,
  row: Pick<Message, "id" | "transport" | "destination">,
): TimelineEventInput {
  const { channel } = params;
  return {
    clinicId: params.clinic.id,
    invoiceSetId: params.invoiceSetId,
    kind: "message_sent",
    actor: SYSTEM,
    summary: `${channelName(channel)} sent${row.transport === "outbox" ? " (outbox)" : ""}: ${params.rule.title}`,
    details: {
      messageId: row.id,
      channel,
      stepIndex: params.stepIndex,
      transport: row.transport,
      destination: row.destination,
    },
    occurredAt: params.now,
  };
}
