import type { Message } from "@/db/schema";

export type MessageStatus = Message["status"];

/**
 * A message's status only moves forward: queued (row written) → sending (committed just
 * before the provider call) → sent (the provider took it) → delivered, or a final
 * failure. A receipt may skip steps (a failure can arrive before "sent"), never go back.
 */
const RANK: Record<MessageStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  failed: 4,
  undelivered: 4,
  bounced: 4,
  complained: 4,
};

const MESSAGE_FAILURE_STATUSES: readonly MessageStatus[] = ["failed", "undelivered", "bounced", "complained"];

/**
 * advance: any forward move (sending, sent, receipts). retry: the one way back, from a
 * temporary failure to sending, for the single retry a message gets.
 */
export type MessageAction = "advance" | "retry";

export function canMoveMessage(from: MessageStatus, to: MessageStatus, action: MessageAction): boolean {
  if (action === "retry") return MESSAGE_FAILURE_STATUSES.includes(from) && to === "sending";
  return RANK[to] > RANK[from];
}

/** Every status a message may move to `to` from: the guard of a set-based move (transition-message.ts). */
export function statusesThatMayMoveTo(to: MessageStatus, action: MessageAction): MessageStatus[] {
  return (Object.keys(RANK) as MessageStatus[]).filter((from) => canMoveMessage(from, to, action));
}

export function isMessageFailure(status: MessageStatus): boolean {
  return MESSAGE_FAILURE_STATUSES.includes(status);
}
