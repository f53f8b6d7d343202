import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { messages, timelineEvents } from "@/db/schema";
import { createResendFunction, createRetryFunction } from "@/inngest/functions/retry-temporary-failure";
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
  const deps = {
    db: async () => database.db,
    transports: () => ({ sms, email: outboxTransport }),
    now: () => new Date(),
    stripe: () => null,
  };
  const resend = createResendFunction(deps);
  return new InngestTestEngine({
    function: createRetryFunction(deps, resend),
    events: [{ name: "billing/outreach.message-temporarily-failed", data: { clinicId, messageId } }],
    // The engine can't follow step.invoke: the throttled resend runs in its own test engine, inside a step.
    transformCtx: (raw) => {
      const ctx = mockCtx(raw);
      const invoke = (id: string, options: { data?: unknown }) =>
        ctx.step.run(id, async () => {
          const run = await new InngestTestEngine({
            function: resend,
            events: [{ name: "billing/outreach.resend-due", data: options.data as Record<string, unknown> }],
          }).execute();
          if (run.error) throw new Error(String((run.error as { message?: unknown }).message ?? "resend failed"));
          return run.result;
        });
      return { ...ctx, step: { ...ctx.step, invoke } } as typeof ctx;
    },
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
    expect(row).toMatchObject({ status: "sent", errorCode: null, retriedAt: expect.any(Date) });
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
