import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, messages, patients, timelineEvents } from "@/db/schema";
import { createResendFunction, createRetryFunction, runRetry } from "@/inngest/functions/retry-temporary-failure";
import { type RetryOutcome, retryMessage } from "@/lib/outreach/retry-message";
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
  // Every hour of every day, so the retries below don't depend on when they run.
  await database.db
    .update(clinics)
    .set({ sendWindowStartMinute: 0, sendWindowEndMinute: 1440, sendDays: [1, 2, 3, 4, 5, 6, 7] })
    .where(eq(clinics.id, clinic.clinicId));
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

  test("Twilio takes the retry but the answer never comes: the next try finds it, exactly one provider call", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const phone = "+12025550161";
    const message = await createTestMessage(database.db, clinic, {
      invoiceSetId: set.id,
      channel: "sms",
      transport: "twilio",
      destination: phone,
    });
    await handleTwilioStatus(database.db, {
      MessageSid: message.providerId ?? "",
      MessageStatus: "undelivered",
      ErrorCode: "30003",
    });
    const sms = twilioTransport({
      accountSid: "AC00000000000000000000000000000002",
      authToken: "t",
      fromNumber: "+12025550100",
      statusCallbackUrl: "https://b.test/s",
      apiOrigin: fake.origin,
    });
    const transports = { sms, email: outboxTransport };
    const ref = { clinicId: clinic.clinicId, messageId: message.id };
    fake.hangAfterAccepting(1);
    await expect(retryMessage(database.db, transports, ref, new Date())).rejects.toThrow();
    const [sending] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(sending).toMatchObject({ status: "sending", retriedAt: expect.any(Date) });

    expect(await retryMessage(database.db, transports, ref, new Date())).toBe("retried");
    const texts = fake.accepted.filter(
      (r) => r.path.endsWith("/Messages.json") && new URLSearchParams(r.body).get("To") === phone,
    );
    expect(texts).toHaveLength(1);
    const [sent] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(sent?.status).toBe("sent");
  });

  test("a patient who replied STOP while the retry waited gets no text", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const phone = "+12025550162";
    const message = await createTestMessage(database.db, clinic, {
      invoiceSetId: set.id,
      channel: "sms",
      transport: "twilio",
      destination: phone,
    });
    await handleTwilioStatus(database.db, {
      MessageSid: message.providerId ?? "",
      MessageStatus: "undelivered",
      ErrorCode: "30003",
    });
    await database.db.update(patients).set({ smsOptedOutAt: new Date() }).where(eq(patients.id, set.patientId));
    const before = fake.accepted.length;
    const run = await retryEngine(clinic.clinicId, message.id).execute({
      steps: [{ id: "wait-before-retry", handler: () => null }],
    });
    expect(run.result).toBe("skipped");
    expect(fake.accepted.length).toBe(before);
    const [row] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(row?.status).toBe("undelivered");
  });

  test("a retry that wakes outside the window waits for it (9:00–20:00 in the patient's zone)", async () => {
    const daytime = await createTestClinic(database.db, "Daytime Retry Clinic");
    const set = await createTestInvoiceSet(database.db, daytime);
    const message = await createTestMessage(database.db, daytime, {
      invoiceSetId: set.id,
      channel: "sms",
      transport: "twilio",
      destination: "+12025550163",
    });
    await handleTwilioStatus(database.db, {
      MessageSid: message.providerId ?? "",
      MessageStatus: "undelivered",
      ErrorCode: "30003",
    });
    const sms = twilioTransport({
      accountSid: "AC00000000000000000000000000000002",
      authToken: "t",
      fromNumber: "+12025550100",
      statusCallbackUrl: "https://b.test/s",
      apiOrigin: fake.origin,
    });
    const transports = { sms, email: outboxTransport };
    const ref = { clinicId: daytime.clinicId, messageId: message.id };
    const before = fake.accepted.length;
    // Tuesday 23:30 in New York (a wait that overshot, or the throttle queue): nothing goes.
    expect(await retryMessage(database.db, transports, ref, new Date("2030-05-08T03:30:00Z"))).toEqual({
      deferredUntil: "2030-05-08T13:00:00.000Z",
    });
    expect(fake.accepted.length).toBe(before);
    expect(await retryMessage(database.db, transports, ref, new Date("2030-05-08T13:00:00Z"))).toBe("retried");
    expect(fake.accepted.length).toBe(before + 1);
  });

  test("the retry function waits again for the window when the resend says so", async () => {
    const sleeps: string[] = [];
    const outcomes: RetryOutcome[] = [{ deferredUntil: "2030-05-08T13:00:00.000Z" }, "retried"];
    const result = await runRetry(
      { clinicId: clinic.clinicId, messageId: "00000000-0000-4000-8000-000000000009" },
      {
        run: async () => "2030-05-08T03:30:00.000Z",
        sleepUntil: async (id, time) => sleeps.push(`${id} ${time}`),
        resend: async () => outcomes.shift(),
      },
      {
        db: async () => database.db,
        transports: () => ({ sms: outboxTransport, email: outboxTransport }),
        stripe: () => null,
        now: () => new Date(),
      },
    );
    expect(result).toBe("retried");
    expect(sleeps).toEqual([
      "wait-before-retry 2030-05-08T03:30:00.000Z",
      "wait-before-retry-1 2030-05-08T13:00:00.000Z",
    ]);
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
