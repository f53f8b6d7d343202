import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { handleTwilioStatus, twilioStatusSchema } from "@/lib/webhooks/twilio-status";
import { readVerifiedTwilioForm } from "@/lib/webhooks/verify-twilio-request";

/** Twilio delivery receipts for outreach texts. */
export async function POST(request: Request) {
  const params = await readVerifiedTwilioForm(request, { authToken: env().TWILIO_AUTH_TOKEN, appUrl: env().APP_URL });
  if (!params) return new Response("Invalid or missing Twilio signature", { status: 403 });
  const parsed = twilioStatusSchema.safeParse(params);
  if (!parsed.success) return new Response("Missing MessageSid or MessageStatus", { status: 400 });
  const { db } = await getDb();
  const messageId = new URL(request.url).searchParams.get("messageId") ?? undefined;
  const outcome = await handleTwilioStatus(db, parsed.data, new Date(), messageId);
  return Response.json({ outcome });
}
