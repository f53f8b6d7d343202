import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import { paymentReceived } from "@/inngest/events";
import { receiptSendersFromEnv } from "@/lib/receipts/receipt-senders";
import { receiptRequestSchema, sendReceipt } from "@/lib/receipts/send-receipt";

/**
 * A receipt for every payment, online or recorded by staff. One step: sendReceipt itself
 * sends once per receipt (timeline check + provider idempotency key), so retries are safe.
 */
export const sendReceiptFunction = inngest.createFunction(
  { id: "send-receipt", retries: 4, triggers: [paymentReceived] },
  async ({ event, step }) => {
    const request = receiptRequestSchema.parse(event.data);
    return step.run("send-receipt", async () => {
      const { db } = await getDb();
      return sendReceipt(db, request, receiptSendersFromEnv());
    });
  },
);
