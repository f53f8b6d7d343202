import { randomBytes } from "node:crypto";
import http from "node:http";
import Stripe from "stripe";

/**
 * A small local stand-in for the Stripe API and hosted Checkout, for tests only. The app's
 * real SDK talks to it (STRIPE_API_ORIGIN → host/port/protocol). "Paying" on its checkout
 * page sends a checkout.session.completed event signed with the SDK's own test helper to
 * the app's webhook, then redirects to the session's success_url, as Stripe does.
 */
export interface FakeCheckoutSession {
  id: string;
  object: "checkout.session";
  mode: "payment" | "setup";
  /** Setup mode: the customer the card is saved to, and the SetupIntent the page completes. */
  customer?: string | null;
  setup_intent?: string | null;
  status: "open" | "complete";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  url: string;
}

/** The card every fake setup saves (Stripe's test Visa). */
export const FAKE_CARD = { brand: "visa", last4: "4242", exp_month: 4, exp_year: 2028 } as const;

export interface FakeStripe {
  origin: string;
  sessions: Map<string, FakeCheckoutSession>;
  customers: Set<string>;
  /** Off-session charges by id; a repeated Idempotency-Key returns the first answer and adds nothing. */
  paymentIntents: Map<
    string,
    { amount: number; customer: string | null; payment_method: string | null; idempotencyKey: string | null }
  >;
  /** Payment methods whose charges are declined (card_declined). */
  declinePaymentMethods: Set<string>;
  /** Payment methods whose charges stay "processing" (the webhook settles them later). */
  processingPaymentMethods: Set<string>;
  /** Signed event payloads sent to the webhook, and the app's replies. */
  deliveries: { eventId: string; status: number; body: string }[];
  close(): Promise<void>;
}

export function signedStripeEvent(
  session: FakeCheckoutSession,
  secret: string,
  eventId = `evt_test_${randomBytes(8).toString("hex")}`,
) {
  return signedEventOf("checkout.session.completed", session, secret, eventId);
}

/** Any Stripe event (e.g. payment_intent.succeeded), signed as Stripe signs webhooks. */
export function signedEventOf(
  type: string,
  object: unknown,
  secret: string,
  eventId = `evt_test_${randomBytes(8).toString("hex")}`,
) {
  const payload = JSON.stringify({
    id: eventId,
    object: "event",
    api_version: "2025-01-01",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
  const signature = new Stripe("sk_test_signing_only").webhooks.generateTestHeaderString({ payload, secret });
  return { eventId, payload, signature };
}

export async function startFakeStripe(options: {
  port: number;
  webhookUrl: string;
  webhookSecret: string;
}): Promise<FakeStripe> {
  const sessions = new Map<string, FakeCheckoutSession>();
  const customers = new Set<string>();
  const paymentIntents: FakeStripe["paymentIntents"] = new Map();
  const declinePaymentMethods = new Set<string>();
  const processingPaymentMethods = new Set<string>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const setupIntents = new Map<string, { customer: string | null; status: "requires_payment_method" | "succeeded" }>();
  const deliveries: FakeStripe["deliveries"] = [];
  let origin = `http://127.0.0.1:${options.port}`;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const body = await readBody(req);
    try {
      if (req.method === "POST" && url.pathname === "/v1/payment_intents") {
        const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
        const replay = key ? idempotent.get(key) : undefined;
        if (replay) return json(res, replay.status, replay.body);
        const form = new URLSearchParams(body);
        const paymentMethod = form.get("payment_method");
        const answer = (status: number, value: unknown) => {
          if (key) idempotent.set(key, { status, body: value });
          return json(res, status, value);
        };
        const id = `pi_test_${randomBytes(8).toString("hex")}`;
        if (paymentMethod && declinePaymentMethods.has(paymentMethod)) {
          return answer(402, {
            error: {
              type: "card_error",
              code: "card_declined",
              decline_code: "generic_decline",
              message: "Your card was declined.",
              payment_intent: { id, status: "requires_payment_method" },
            },
          });
        }
        const amount = Number(form.get("amount"));
        paymentIntents.set(id, {
          amount,
          customer: form.get("customer"),
          payment_method: paymentMethod,
          idempotencyKey: key,
        });
        return answer(200, {
          id,
          object: "payment_intent",
          status: paymentMethod && processingPaymentMethods.has(paymentMethod) ? "processing" : "succeeded",
          amount,
          amount_received: amount,
          currency: form.get("currency") ?? "usd",
          customer: form.get("customer"),
          payment_method: paymentMethod,
          metadata: Object.fromEntries(
            [...form].flatMap(([k, v]) => {
              const m = /^metadata\[(.+)\]$/.exec(k);
              return m?.[1] ? [[m[1], v]] : [];
            }),
          ),
        });
      }
      if (req.method === "POST" && url.pathname === "/v1/customers") {
        const id = `cus_test_${randomBytes(8).toString("hex")}`;
        customers.add(id);
        return json(res, 200, { id, object: "customer" });
      }
      const intentPath = /^\/v1\/setup_intents\/(seti_test_[a-f0-9]+)$/.exec(url.pathname);
      if (req.method === "GET" && intentPath?.[1]) {
        const intent = setupIntents.get(intentPath[1]);
        if (!intent) return json(res, 404, { error: { message: "No such setup intent" } });
        return json(res, 200, {
          id: intentPath[1],
          object: "setup_intent",
          status: intent.status,
          customer: intent.customer,
          payment_method:
            intent.status === "succeeded"
              ? {
                  id: `pm_test_${intentPath[1].slice(10, 22)}`,
                  object: "payment_method",
                  type: "card",
                  card: FAKE_CARD,
                }
              : null,
        });
      }
      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        const form = new URLSearchParams(body);
        const id = `cs_test_${randomBytes(12).toString("hex")}`;
        const quantity = Number(form.get("line_items[0][quantity]") ?? "1");
        const metadata: Record<string, string> = {};
        for (const [key, value] of form) {
          const match = /^metadata\[(.+)\]$/.exec(key);
          if (match?.[1]) metadata[match[1]] = value;
        }
        const setup = form.get("mode") === "setup";
        const setupIntent = setup ? `seti_test_${randomBytes(8).toString("hex")}` : null;
        if (setupIntent)
          setupIntents.set(setupIntent, { customer: form.get("customer"), status: "requires_payment_method" });
        const session: FakeCheckoutSession = {
          id,
          object: "checkout.session",
          mode: setup ? "setup" : "payment",
          customer: form.get("customer"),
          setup_intent: setupIntent,
          status: "open",
          payment_status: "unpaid",
          amount_total: setup ? 0 : Number(form.get("line_items[0][price_data][unit_amount]")) * quantity,
          currency: form.get("line_items[0][price_data][currency]") ?? "usd",
          metadata,
          client_reference_id: form.get("client_reference_id"),
          payment_intent: null,
          success_url: form.get("success_url") ?? "",
          cancel_url: form.get("cancel_url") ?? "",
          url: `${origin}/c/pay/${id}`,
        };
        sessions.set(id, session);
        return json(res, 200, session);
      }
      const pay = /^\/c\/pay\/(cs_test_[a-f0-9]+)$/.exec(url.pathname);
      const session = pay?.[1] ? sessions.get(pay[1]) : undefined;
      if (pay && !session) return json(res, 404, { error: { message: "No such checkout session" } });
      if (session && req.method === "GET") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          `<!doctype html><html lang="en"><head><title>Fake Stripe Checkout</title><meta name="viewport" content="width=device-width"></head>` +
            `<body><main><h1>Fake Stripe Checkout</h1><p>Amount: ${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}</p>` +
            `<form method="post"><button type="submit">${session.mode === "setup" ? "Save card" : "Complete payment"}</button></form></main></body></html>`,
        );
        return;
      }
      if (session && req.method === "POST") {
        session.status = "complete";
        if (session.mode === "setup" && session.setup_intent) {
          const intent = setupIntents.get(session.setup_intent);
          if (intent) intent.status = "succeeded";
          session.payment_status = "unpaid";
        } else {
          session.payment_status = "paid";
          session.payment_intent = `pi_test_${randomBytes(8).toString("hex")}`;
        }
        const event = signedStripeEvent(session, options.webhookSecret);
        const reply = await fetch(options.webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": event.signature },
          body: event.payload,
        });
        deliveries.push({ eventId: event.eventId, status: reply.status, body: await reply.text() });
        res.writeHead(303, { location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) });
        res.end();
        return;
      }
      json(res, 404, { error: { message: `Unhandled ${req.method} ${url.pathname}` } });
    } catch (error) {
      json(res, 500, { error: { message: error instanceof Error ? error.message : "fake failed" } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  // Port 0 picks a free port.
  const address = server.address();
  if (address && typeof address === "object") origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    sessions,
    customers,
    paymentIntents,
    declinePaymentMethods,
    processingPaymentMethods,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res: http.ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json", "request-id": `req_${randomBytes(6).toString("hex")}` });
  res.end(JSON.stringify(value));
}
