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
 * makes the next N requests fail (HTTP 500, or a Twilio error code with 400).
 */
export async function startFakeProviders() {
  const requests: RecordedRequest[] = [];
  /** Requests the fake accepted (a message the provider would really send). */
  const accepted: RecordedRequest[] = [];
  let failures: { count: number; status: number; twilioCode?: number } = { count: 0, status: 500 };
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
      if (recorded) accepted.push(recorded);
      const twilio = path.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/);
      if (twilio && req.method === "POST") {
        const form = new URLSearchParams(body);
        res.statusCode = 201;
        res.end(
          JSON.stringify({
            sid: `SM${randomBytes(16).toString("hex")}`,
            account_sid: twilio[1],
            to: form.get("To"),
            body: form.get("Body"),
            status: "queued",
          }),
        );
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
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeProviders = Awaited<ReturnType<typeof startFakeProviders>>;
