import { z } from "zod";
import type { Db } from "@/db/connect";
import { applyMessageStatus, type FailureKind, type MessageStatus } from "./apply-message-status";

export const resendEventSchema = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().min(1),
      bounce: z
        .object({ type: z.string().optional(), subType: z.string().optional(), message: z.string().optional() })
        .optional(),
    })
    .loose(),
});

function mapEvent(event: z.infer<typeof resendEventSchema>): { status: MessageStatus; failure?: FailureKind } | null {
  switch (event.type) {
    case "email.sent":
      return { status: "sent" };
    case "email.delivered":
      return { status: "delivered" };
    case "email.bounced": {
      const detail = event.data.bounce?.message ?? event.data.bounce?.subType ?? "the address does not accept mail";
      if (event.data.bounce?.type?.toLowerCase() === "transient")
        return { status: "bounced", failure: { kind: "temporary", reason: `Email bounced temporarily: ${detail}` } };
      return {
        status: "bounced",
        failure: { kind: "permanent", effect: "bounced", reason: `Email bounced: ${detail}` },
      };
    }
    case "email.complained":
      return {
        status: "complained",
        failure: { kind: "permanent", effect: "complained", reason: "Patient marked the email as spam" },
      };
    case "email.failed":
      return { status: "failed", failure: { kind: "unknown", reason: "Resend could not send the email" } };
    default:
      return null;
  }
}

/** A verified Resend webhook: deduplicated by its svix id, applied forward-only. */
export async function handleResendEvent(
  db: Db,
  eventId: string,
  event: z.infer<typeof resendEventSchema>,
  at = new Date(),
) {
  const mapped = mapEvent(event);
  if (!mapped) return "unsupported_event" as const;
  return applyMessageStatus(
    db,
    {
      transports: ["resend", "outbox"],
      providerId: event.data.email_id,
      status: mapped.status,
      failure: mapped.failure,
      at,
    },
    { provider: "resend", eventKey: eventId },
  );
}
