import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { getStripe } from "@/lib/stripe/client";
import { handleStripeWebhook } from "@/lib/stripe/handle-stripe-webhook";

export const dynamic = "force-dynamic";

/** Stripe events. The signature is checked on the raw body, so the body is read as text. */
export async function POST(request: Request) {
  const stripe = getStripe();
  const webhookSecret = env().STRIPE_WEBHOOK_SECRET;
  if (!stripe || !webhookSecret) {
    return NextResponse.json({ error: "Online payment is not configured." }, { status: 404 });
  }
  const rawBody = await request.text();
  const { db } = await getDb();
  const result = await handleStripeWebhook(db, {
    stripe,
    rawBody,
    signature: request.headers.get("stripe-signature"),
    webhookSecret,
  });
  return NextResponse.json(
    { received: result.status === 200, outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) },
    { status: result.status },
  );
}
