import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { type Message, messages } from "@/db/schema";
import type { OutgoingMessage, Transport, TransportResult } from "@/lib/providers/transport";
import { isMessageFailure } from "@/lib/state-machine/message";
import { transitionMessage } from "@/lib/state-machine/transition-message";

/**
 * The provider call of one message (an outreach rule's or a receipt's), at most once. A row
 * not tried yet is committed "sending" with the attempt time before the call. A row found
 * "sending" was tried before and the call may have reached the provider (a timeout): it is
 * looked up there first and sent again only if not found. A temporarily failed row gets its
 * one retry the same way (the state machine's failed → sending move; null when refused).
 * Returns the attempt's row, for the caller to mark "sent", and the provider's answer;
 * provider errors propagate.
 */
export async function callProviderOnce(
  db: Db,
  params: { row: Message; transport: Transport; outgoing: OutgoingMessage; now: Date },
): Promise<{ attempt: Message; result: TransportResult } | null> {
  const { row, transport, outgoing, now } = params;
  const found =
    row.status === "sending" && row.attemptedAt && transport.lookup
      ? await transport.lookup({ ...outgoing, attemptedAt: row.attemptedAt, storedBody: row.body })
      : null;
  if (found) return { attempt: row, result: found };
  const retry = isMessageFailure(row.status);
  // The move and its audit row in one synchronous commit, on disk before the call.
  const sending = await db.transaction((tx) =>
    transitionMessage(tx, {
      message: row,
      to: "sending",
      at: now,
      ...(retry
        ? { action: "retry", changes: { attemptedAt: now, retriedAt: now, errorCode: null, errorMessage: null } }
        : { changes: { attemptedAt: now } }),
    }),
  );
  if (retry && !sending) return null;
  // "sending" → "sending" is no move: a retry of an attempt the provider never got.
  const attempt = sending ?? (row.status === "sending" ? await touchAttempt(db, row, now) : row);
  return { attempt, result: await transport.send(outgoing) };
}

/** A new attempt of a message already "sending": only its attempt time moves. */
async function touchAttempt(db: Db, row: Message, now: Date): Promise<Message> {
  const [updated] = await db
    .update(messages)
    .set({ attemptedAt: now, updatedAt: now })
    .where(and(eq(messages.id, row.id), eq(messages.status, "sending")))
    .returning();
  return updated ?? row;
}
