import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { handleTwilioInbound, twilioInboundSchema } from "@/lib/webhooks/twilio-inbound";
import { readVerifiedTwilioForm } from "@/lib/webhooks/verify-twilio-request";

/** Incoming texts: STOP / START / HELP and patient replies. Answers with TwiML. */
export async function POST(request: Request) {
  const params = await readVerifiedTwilioForm(request, { authToken: env().TWILIO_AUTH_TOKEN, appUrl: env().APP_URL });
  if (!params) return new Response("Invalid or missing Twilio signature", { status: 403 });
  const parsed = twilioInboundSchema.safeParse(params);
  if (!parsed.success) return new Response("Missing MessageSid or From", { status: 400 });
  const { db } = await getDb();
  const xml = await handleTwilioInbound(db, parsed.data);
  return new Response(xml, { headers: { "Content-Type": "text/xml" } });
}
