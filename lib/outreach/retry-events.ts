import { eventType } from "inngest";
import { z } from "zod";

/** A message came back with a temporary error (e.g. Twilio 30003): try it once more later. */
export const messageTemporarilyFailed = eventType("billing/outreach.message-temporarily-failed", {
  schema: z.object({ clinicId: z.uuid(), messageId: z.uuid() }),
});
