import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * A local stand-in for api.twilio.com and api.resend.com on 127.0.0.1. It records every
 * request exactly as the SDK made it and answers like the provider does. `failNext`
 * makes the next N requests fail (HTTP 500, or a Twilio error code with 400);
 * `hangAfterAccepting` creates the next texts and then drops the connection.
 */
export async function startFakeProviders() {
  const requests: RecordedRequest[] = [];
  /** Requests the fake accepted (a message the provider would really send). */
  const accepted: RecordedRequest[] = [];
  let failures: { count: number; status: number; twilioCode?: number } = { count: 0, status: 500 };
  /** Texts the fake created, for Twilio's message list (the lookup after a timeout). */
  const twilioMessages: { sid: string; to: string; body: string; date_created: string }[] = [];
  let hangAfterAccepting = 0;
  const resendByIdempotencyKey = new Map<string, string>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });
      res.setHeader("Content-Type", "application/json");
      // No keep-alive: a socket the server closed while idle must never be reused by the SDK.
      res.setHeader("Connection", "close");
      if (failures.count > 0) {
        failures.count -= 1;
        res.statusCode = failures.status;
        res.end(
          JSON.stringify(
            failures.twilioCode
              ? { code: failures.twilioCode, message: `Error ${failures.twilioCode}`, status: failures.status }
              : { message: "boom" },
          ),
        );
        return;
      }
      const recorded = requests[requests.length - 1];
      if (recorded && req.method === "POST") accepted.push(recorded);
      const twilio = path.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json(\?.*)?$/);
      if (twilio && req.method === "POST") {
        const form = new URLSearchParams(body);
        const created = {
          sid: `SM${randomBytes(16).toString("hex")}`,
          to: form.get("To") ?? "",
          body: form.get("Body") ?? "",
          date_created: new Date().toUTCString(),
        };
        twilioMessages.push(created);
        if (hangAfterAccepting > 0) {
          // Twilio took the message, but the answer never arrives (a timeout seen by the app).
          hangAfterAccepting -= 1;
          req.socket.destroy();
          return;
        }
        res.statusCode = 201;
        res.end(JSON.stringify({ ...created, account_sid: twilio[1], status: "queued", direction: "outbound-api" }));
        return;
      }
      if (twilio && req.method === "GET") {
        const to = new URLSearchParams(twilio[2]?.slice(1) ?? "").get("To");
        const messages = twilioMessages
          .filter((m) => m.to === to)
          .map((m) => ({ ...m, account_sid: twilio[1], status: "sent", direction: "outbound-api" }));
        res.statusCode = 200;
        res.end(JSON.stringify({ messages, next_page_uri: null, page: 0, page_size: 50, uri: path }));
        return;
      }
      if (path === "/emails" && req.method === "POST") {
        const key = String(req.headers["idempotency-key"] ?? "");
        const id = resendByIdempotencyKey.get(key) ?? `email-${randomBytes(8).toString("hex")}`;
        if (key) resendByIdempotencyKey.set(key, id);
        res.statusCode = 200;
        res.end(JSON.stringify({ id }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ message: "not found" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    failNext(count: number, status = 500, twilioCode?: number) {
      failures = { count, status, twilioCode };
    },
    /** The next N texts are created at "Twilio" but the connection drops before the answer. */
    hangAfterAccepting(count: number) {
      hangAfterAccepting = count;
    },
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeProviders = Awaited<ReturnType<typeof startFakeProviders>>;
