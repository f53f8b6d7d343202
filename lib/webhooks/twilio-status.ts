import { z } from "zod";
import type { Db } from "@/db/connect";
import { classifyTwilioCode, twilioCodeEffect, twilioCodeReason } from "@/lib/providers/twilio-codes";
import { applyMessageStatus, type FailureKind, type MessageStatus } from "./apply-message-status";

export const twilioStatusSchema = z.object({
  MessageSid: z.string().min(1),
  MessageStatus: z.string().min(1),
  ErrorCode: z.string().optional(),
});

const STATUS_MAP: Record<string, MessageStatus | undefined> = {
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "sent",
  sent: "sent",
  delivered: "delivered",
  read: "delivered",
  undelivered: "undelivered",
  failed: "failed",
};

function failureFor(code: string | undefined): FailureKind {
  if (!code) return { kind: "unknown", reason: "no error code given" };
  const kind = classifyTwilioCode(code);
  const reason = twilioCodeReason(code);
  if (kind === "permanent") return { kind, reason, effect: twilioCodeEffect(code) ?? "invalid" };
  return { kind, reason };
}

export type TwilioStatusOutcome = "applied" | "replay" | "ignored" | "unknown_message" | "unsupported_status";

/** A verified Twilio status callback: deduplicated by (sid, status), applied forward-only. */
export async function handleTwilioStatus(
  db: Db,
  params: z.infer<typeof twilioStatusSchema>,
  at = new Date(),
  /** From the status-callback URL (lib/providers/twilio.ts); a retry's id carries a suffix. */
  messageId?: string,
): Promise<TwilioStatusOutcome> {
  const status = STATUS_MAP[params.MessageStatus.toLowerCase()];
  if (!status) return "unsupported_status";
  const code = params.ErrorCode && params.ErrorCode !== "0" ? params.ErrorCode : undefined;
  const failed = status === "failed" || status === "undelivered";
  return applyMessageStatus(
    db,
    {
      transports: ["twilio", "outbox"],
      providerId: params.MessageSid,
      messageId: rowId(messageId),
      status,
      errorCode: code ?? null,
      failure: failed ? failureFor(code) : undefined,
      at,
    },
    { provider: "twilio", eventKey: `status:${params.MessageSid}:${params.MessageStatus.toLowerCase()}` },
  );
}

/** The message row's id: the UUID at the start of the callback's messageId (a retry adds "-retry"). */
function rowId(messageId: string | undefined): string | undefined {
  const match = messageId?.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  return match?.[0];
}
