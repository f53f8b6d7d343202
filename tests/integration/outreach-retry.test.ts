import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { messages, timelineEvents } from "@/db/schema";
import { createRetryFunction } from "@/inngest/functions/retry-temporary-failure";
import { outboxTransport } from "@/lib/providers/transport";
import { twilioTransport } from "@/lib/providers/twilio";
import { handleTwilioStatus } from "@/lib/webhooks/twilio-status";
import { type FakeProviders, startFakeProviders } from "../support/fake-providers";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { createTestMessage } from "../support/outreach-fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let fake: FakeProviders;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Retry Clinic");
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

function retryEngine(clinicId: string, messageId: string) {
  const sms = twilioTransport({
    accountSid: "AC00000000000000000000000000000002",
    authToken: "t",
    fromNumber: "+12025550100",
    statusCallbackUrl: "https://b.test/s",
    apiOrigin: fake.origin,
  });
  const fn = createRetryFunction({
    db: async () => database.db,
    transports: () => ({ sms, email: outboxTransport }),
    now: () => new Date(),
  });
  return new InngestTestEngine({
    function: fn,
    events: [{ name: "billing/outreach.message-temporarily-failed", data: { clinicId, messageId } }],
  });
}

describe("temporary delivery failures", () => {
  test("30003 is retried once, later, through the provider; a second retry does nothing", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const message = await createTestMessage(database.db, clinic, {
      invoiceSetId: set.id,
      channel: "sms",
      transport: "twilio",
      destination: "+12025550143",
    });
    expect(
      await handleTwilioStatus(database.db, {
        MessageSid: message.providerId ?? "",
        MessageStatus: "undelivered",
        ErrorCode: "30003",
      }),
    ).toBe("applied");

    const before = fake.accepted.length;
    const first = await retryEngine(clinic.clinicId, message.id).execute({
      steps: [{ id: "wait-before-retry", handler: () => null }],
    });
    expect(first.error).toBeUndefined();
    expect(first.result).toBe("retried");
    expect(fake.accepted.length).toBe(before + 1);
    const [row] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(row).toMatchObject({ status: "queued", errorCode: null });
    expect(row?.providerId).not.toBe(message.providerId);

    const second = await retryEngine(clinic.clinicId, message.id).execute({
      steps: [{ id: "wait-before-retry", handler: () => null }],
    });
    expect(second.result).toBe("skipped");
    expect(fake.accepted.length).toBe(before + 1);
    const timeline = await database.db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, set.id));
    expect(timeline.map((e) => e.summary)).toContain("Text re-sent after a temporary failure (30003)");
  });

  test("a permanent failure is never retried", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const message = await createTestMessage(database.db, clinic, {
      invoiceSetId: set.id,
      channel: "sms",
      transport: "twilio",
      destination: "+12025550143",
    });
    await handleTwilioStatus(database.db, {
      MessageSid: message.providerId ?? "",
      MessageStatus: "failed",
      ErrorCode: "21211",
    });
    const run = await retryEngine(clinic.clinicId, message.id).execute({
      steps: [{ id: "wait-before-retry", handler: () => null }],
    });
    expect(run.result).toBe("skipped");
  });
});
