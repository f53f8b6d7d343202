import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";

export function isStripeConfigured(): boolean {
  const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } = env();
  return Boolean(STRIPE_SECRET_KEY && STRIPE_WEBHOOK_SECRET);
}

/** Host, port and protocol for the SDK when STRIPE_API_ORIGIN points at a local fake. */
export function stripeConnectionOptions(
  origin: string | undefined,
): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!origin) return {};
  const url = new URL(origin);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

let cached: { key: string; client: Stripe } | undefined;

/** The SDK client, or null when online payment is not configured. */
export function getStripe(): Stripe | null {
  const { STRIPE_SECRET_KEY, STRIPE_API_ORIGIN } = env();
  if (!STRIPE_SECRET_KEY || !isStripeConfigured()) return null;
  if (cached?.key !== STRIPE_SECRET_KEY) {
    cached = {
      key: STRIPE_SECRET_KEY,
      client: new Stripe(STRIPE_SECRET_KEY, {
        ...stripeConnectionOptions(STRIPE_API_ORIGIN),
        maxNetworkRetries: 2,
        timeout: 20_000,
        telemetry: false,
        appInfo: { name: "clinic-billing" },
      }),
    };
  }
  return cached.client;
}
