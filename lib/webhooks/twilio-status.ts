import { z } from "zod";
import type { Db } from "@/db/connect";
import { publishEvents } from "@/lib/events/publish-events";
import { classifyTwilioCode, twilioCodeEffect, twilioCodeReason } from "@/lib/providers/twilio-codes";
import { applyMessageStatus, type FailureKind, type MessageStatus } from "./apply-message-status";
import { claimWebhookReceipt } from "./claim-receipt";

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
): Promise<TwilioStatusOutcome> {
  const status = STATUS_MAP[params.MessageStatus.toLowerCase()];
  if (!status) return "unsupported_status";
  const code = params.ErrorCode && params.ErrorCode !== "0" ? params.ErrorCode : undefined;
  const failed = status === "failed" || status === "undelivered";
  const { outcome, events } = await db.transaction(async (tx) => {
    const fresh = await claimWebhookReceipt(
      tx,
      "twilio",
      `status:${params.MessageSid}:${params.MessageStatus.toLowerCase()}`,
    );
    if (!fresh) return { outcome: "replay" as const, events: [] };
    const result = await applyMessageStatus(tx, {
      transports: ["twilio", "outbox"],
      providerId: params.MessageSid,
      status,
      errorCode: code ?? null,
      failure: failed ? failureFor(code) : undefined,
      at,
    });
    return { outcome: result.kind, events: result.kind === "applied" ? result.events : [] };
  });
  await publishEvents(events);
  return outcome;
}
