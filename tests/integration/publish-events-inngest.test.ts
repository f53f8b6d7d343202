import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { invoiceSetActivated } from "@/inngest/events";

// An Inngest event API that takes the connection and never answers.
const requests: IncomingMessage[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req) => {
    requests.push(req);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.OUTREACH_ENGINE = "inngest";
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.INNGEST_EVENT_KEY = "test-event-key";
  // Longer than the 300 ms default so that a loaded machine still delivers the one request.
  process.env.INNGEST_SEND_TIMEOUT_MS = "3000";
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const event = (invoiceSetId: string) =>
  invoiceSetActivated.create({ clinicId: "00000000-0000-4000-8000-000000000001", invoiceSetId });

describe("publishing with engine inngest when the event API does not answer", () => {
  test("the staff action goes on (publish reports the loss) after one request", async () => {
    const { publishEvents } = await import("@/lib/events/publish-events");
    const outcome = await publishEvents(event("00000000-0000-4000-8000-000000000002"));
    expect(outcome).toEqual({ sent: false });
    expect(requests.map((req) => req.url)).toEqual(["/e/test-event-key"]);
  });

  test("the SDK's own retries of a send make no further request", async () => {
    const { inngest } = await import("@/inngest/client");
    const before = requests.length;
    // Awaited to the end: every attempt the SDK makes for this one send is over.
    await expect(inngest.send(event("00000000-0000-4000-8000-000000000003"))).rejects.toThrow();
    expect(requests.length - before).toBe(1);
  });
});
