import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clinics, invoiceSets, messages, patients } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { bodyToSend } from "@/lib/patient-links/link-placeholder";
import { patientTimeZoneSql } from "@/lib/patients/patient-time-zone";
import type { OutgoingMessage, Transports } from "@/lib/providers/transport";
import { classifyTwilioCode } from "@/lib/providers/twilio-codes";
import { isMessageFailure } from "@/lib/state-machine/message";
import { transitionMessage } from "@/lib/state-machine/transition-message";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { callProviderOnce } from "./call-provider-once";
import { channelName } from "./channels";
import { channelProblem } from "./predict-delivery";
import { moveIntoSendWindow } from "./send-window";

/**
 * Sends a temporarily failed message once more, if its set is still Active and the
 * channel is still usable (the patient may have replied STOP meanwhile). At most one retry
 * per message: the failed → sending move is the state machine's one way back, allowed
 * while `retried_at` is empty. It goes through callProviderOnce, like the first send: an
 * attempt that timed out is looked up at the provider before it is sent again. The row
 * keeps its key and gets the new provider id. Outside the send window in the patient's zone
 * nothing goes: the caller waits for the next allowed time.
 */
/** Retried, skipped for good, or not yet: outside the send window, to be tried at `deferredUntil`. */
export type RetryOutcome = "retried" | "skipped" | { deferredUntil: string };

export async function retryMessage(
  db: Db,
  transports: Transports,
  ref: { clinicId: string; messageId: string },
  now: Date,
): Promise<RetryOutcome> {
  const [row] = await db
    .select({
      message: messages,
      setStatus: invoiceSets.status,
      clinicName: clinics.name,
      patientLinkDays: clinics.patientLinkDays,
      timeZone: patientTimeZoneSql,
      window: {
        startMinute: clinics.sendWindowStartMinute,
        endMinute: clinics.sendWindowEndMinute,
        days: clinics.sendDays,
      },
      patient: patients,
    })
    .from(messages)
    .innerJoin(invoiceSets, eq(invoiceSets.id, messages.invoiceSetId))
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .innerJoin(clinics, eq(clinics.id, messages.clinicId))
    .where(and(eq(messages.id, ref.messageId), eq(messages.clinicId, ref.clinicId)));
  if (row?.setStatus !== "active") return "skipped";
  const { message } = row;
  if (channelProblem(message.channel, row.patient, row.timeZone)) return "skipped";
  const firstTry = isMessageFailure(message.status) && !message.retriedAt && isTemporary(message);
  const resumed = message.status === "sending" && message.retriedAt !== null;
  if (!firstTry && !resumed) return "skipped";
  // The wait may have overshot, or the throttle queue held it, into the night: not now.
  const allowedAt = moveIntoSendWindow(now, row.timeZone, row.window);
  if (allowedAt.getTime() !== now.getTime()) return { deferredUntil: allowedAt.toISOString() };

  const transport = transports[message.channel];
  const outgoing: OutgoingMessage = {
    messageId: `${message.id}-retry`,
    to: message.destination,
    subject: message.subject,
    // A stored placeholder becomes a fresh link: the one made at first send is not kept.
    body: await bodyToSend(db, {
      body: message.body,
      clinicId: message.clinicId,
      invoiceSetId: message.invoiceSetId,
      patientLinkDays: row.patientLinkDays,
      now,
    }),
    clinicName: row.clinicName,
  };
  // The one retry is committed "sending" first; a resumed one is looked up before it is sent again.
  const call = await callProviderOnce(db, { row: message, transport, outgoing, now });
  if (!call) return "skipped";
  const { attempt, result } = call;
  await db.transaction(async (tx) => {
    await transitionMessage(tx, {
      message: attempt,
      to: "sent",
      at: now,
      changes: { providerId: result.providerId, transport: transport.name },
    });
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

function isTemporary(message: { channel: "sms" | "email"; errorCode: string | null }): boolean {
  if (message.channel === "email") return true;
  return message.errorCode !== null && classifyTwilioCode(message.errorCode) === "temporary";
}
