import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { type Message, messages } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { canMoveMessage, isMessageFailure, type MessageAction, type MessageStatus } from "./message";

/** Columns a move may write beside the status. */
export type MessageChanges = Partial<
  Pick<
    typeof messages.$inferInsert,
    "providerId" | "transport" | "errorCode" | "errorMessage" | "attemptedAt" | "retriedAt"
  >
>;

/**
 * The only writer of messages.status (after the first insert). Asks the table, then
 * writes with a conditional update on the status it saw, so two writers racing can't
 * both win: null means the move was refused or lost the race, and nothing changed.
 * The status timestamps follow the status (sent_at, delivered_at, failed_at). Each move is
 * in the audit log as well as (through its callers) on the set's timeline.
 */
export async function transitionMessage(
  db: Executor,
  params: {
    message: Pick<Message, "id" | "status" | "sentAt">;
    to: MessageStatus;
    action?: MessageAction;
    at: Date;
    changes?: MessageChanges;
  },
): Promise<Message | null> {
  const { message, to, at } = params;
  if (!canMoveMessage(message.status, to, params.action ?? "advance")) return null;
  const [updated] = await db
    .update(messages)
    .set({
      ...params.changes,
      status: to,
      updatedAt: at,
      ...(to === "sent" ? { sentAt: message.sentAt ?? at } : {}),
      ...(to === "delivered" ? { deliveredAt: at } : {}),
      ...(isMessageFailure(to) ? { failedAt: at } : {}),
      ...(to === "sending" ? { failedAt: null } : {}),
    })
    .where(and(eq(messages.id, message.id), eq(messages.status, message.status)))
    .returning();
  if (!updated) return null;
  await recordAudit(db, {
    clinicId: updated.clinicId,
    actor: SYSTEM,
    action: `message.${to}`,
    entityType: "message",
    entityId: updated.id,
    before: { status: message.status },
    after: {
      status: to,
      invoiceSetId: updated.invoiceSetId,
      channel: updated.channel,
      ...(updated.errorCode ? { errorCode: updated.errorCode } : {}),
    },
  });
  return updated;
}
