import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { handleResendEvent, resendEventSchema } from "@/lib/webhooks/resend-event";
import { verifyResendRequest } from "@/lib/webhooks/verify-resend-request";

/** Resend email events (sent, delivered, bounced, complained, failed). */
export async function POST(request: Request) {
  const verified = await verifyResendRequest(request, env().RESEND_WEBHOOK_SECRET);
  if (!verified.ok)
    return new Response(verified.status === 401 ? "Missing webhook signature" : "Invalid webhook signature", {
      status: verified.status,
    });
  const parsed = resendEventSchema.safeParse(verified.payload);
  if (!parsed.success) return Response.json({ outcome: "unsupported_event" });
  const { db } = await getDb();
  const outcome = await handleResendEvent(db, verified.id, parsed.data);
  // An email we can't match yet (its id not saved): not handled, so Resend delivers it again later.
  return Response.json({ outcome }, { status: outcome === "unknown_message" ? 409 : 200 });
}
