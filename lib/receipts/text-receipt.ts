import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/connect";
import { type Message, messages } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { callProviderOnce } from "@/lib/outreach/call-provider-once";
import { bodyToSend, bodyToStore, PATIENT_LINK_PLACEHOLDER } from "@/lib/patient-links/link-placeholder";
import { createPatientLink } from "@/lib/patient-links/tokens";
import type { Transport } from "@/lib/providers/transport";
import { transitionMessage } from "@/lib/state-machine/transition-message";

const DAY_MS = 86_400_000;

/**
 * A receipt by text, on the outreach send path: a message row (one per receipt) goes to the
 * provider through callProviderOnce, so it is committed "sending" before Twilio is called and
 * looked up there after a timeout, never sent twice. `text` may hold the patient link
 * placeholder. `onSent` writes the caller's timeline entry in the transaction that marks it
 * sent. Returns null when the receipt's text already went out.
 */
export async function textReceipt(
  db: Db,
  params: {
    clinicId: string;
    invoiceSetId: string;
    receiptId: string;
    to: string;
    text: string;
    clinicName: string;
    patientLinkDays: number;
    transport: Transport;
    now: Date;
  },
  onSent: (tx: Tx, message: Message) => Promise<unknown>,
): Promise<Message | null> {
  const { clinicId, invoiceSetId, transport, now } = params;
  const key = and(eq(messages.receiptId, params.receiptId), eq(messages.channel, "sms"));
  let [row] = await db.select().from(messages).where(key);
  let linkUrl: string | undefined;
  if (!row) {
    if (params.text.includes(PATIENT_LINK_PLACEHOLDER))
      linkUrl = (
        await createPatientLink(db, {
          clinicId,
          invoiceSetId,
          expiresAt: new Date(now.getTime() + params.patientLinkDays * DAY_MS),
        })
      ).url;
    const body = linkUrl ? params.text.replaceAll(PATIENT_LINK_PLACEHOLDER, linkUrl) : params.text;
    [row] = await db
      .insert(messages)
      .values({
        clinicId,
        invoiceSetId,
        receiptId: params.receiptId,
        stepIndex: 0,
        channel: "sms",
        transport: transport.name,
        destination: params.to,
        body: linkUrl ? bodyToStore(body, linkUrl, transport.name) : body,
      })
      .onConflictDoNothing()
      .returning();
    row ??= (await db.select().from(messages).where(key))[0];
    if (!row)
      throw new AppError("conflict", "The receipt's text changed while it was being queued; it will be tried again.");
  }
  if (row.status !== "queued" && row.status !== "sending") return null;

  const body = await bodyToSend(db, {
    body: row.body,
    linkUrl,
    clinicId,
    invoiceSetId,
    patientLinkDays: params.patientLinkDays,
    now,
  });
  const call = await callProviderOnce(db, {
    row,
    transport,
    outgoing: { messageId: row.id, to: row.destination, subject: null, body, clinicName: params.clinicName },
    now,
  });
  if (!call)
    throw new AppError("conflict", "The receipt's text changed while it was being sent; it will be tried again.");
  const { attempt, result } = call;
  return db.transaction(async (tx) => {
    const sent =
      (await transitionMessage(tx, {
        message: attempt,
        to: "sent",
        at: now,
        changes: { providerId: result.providerId },
      })) ?? attempt;
    await onSent(tx, sent);
    return sent;
  });
}
