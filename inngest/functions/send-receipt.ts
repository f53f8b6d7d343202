import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import { paymentReceived } from "@/inngest/events";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { receiptSendersFromEnv } from "@/lib/receipts/receipt-senders";
import { receiptRequestSchema, sendReceipt } from "@/lib/receipts/send-receipt";

/** The receipt step's body, the same for both engines. */
export async function sendReceiptBody(data: unknown) {
  const request = receiptRequestSchema.parse(data);
  const { db } = await getDb();
  return sendReceipt(db, request, receiptSendersFromEnv());
}

/**
 * A receipt for every payment, online or recorded by staff. One step: sendReceipt itself
 * sends once per receipt (timeline check + provider idempotency key), so retries are safe.
 */
export const sendReceiptFunction = inngest.createFunction(
  { id: FUNCTION_IDS.receipt, retries: 4, triggers: [paymentReceived] },
  async ({ event, step }) => step.run("send-receipt", () => sendReceiptBody(event.data)),
);
