import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { resendTransport } from "@/lib/providers/resend";
import { PermanentSendError } from "@/lib/providers/transport";
import { twilioTransport } from "@/lib/providers/twilio";
import { type FakeProviders, startFakeProviders } from "../support/fake-providers";

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const message = {
  messageId: "5f0c1f3e-8f5d-4a43-9a55-0c1f4a6b7e21",
  to: "+12025550143",
  subject: "Your statement",
  body: "Hi Jamie, pay here: https://x.test/p/abc",
  clinicName: "Bright Smile",
};

describe("Twilio SDK against a local fake", () => {
  const transport = () =>
    twilioTransport({
      accountSid: ACCOUNT,
      authToken: "secret-token",
      messagingServiceSid: "MG0123456789abcdef0123456789abcdef",
      statusCallbackUrl: "https://billing.example.com/api/webhooks/twilio/status",
      apiOrigin: fake.origin,
    });

  test("POSTs the Messages form with Basic auth, the Messaging Service and the status callback", async () => {
    const result = await transport().send(message);
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    const request = fake.requests.at(-1);
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:secret-token`).toString("base64")}`);
    expect(request?.headers["content-type"]).toMatch(/application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(request?.body);
    expect(Object.fromEntries(form)).toEqual({
      To: "+12025550143",
      Body: message.body,
      MessagingServiceSid: "MG0123456789abcdef0123456789abcdef",
      // The message id in the callback URL matches a receipt that arrives before the sid is saved.
      StatusCallback: `https://billing.example.com/api/webhooks/twilio/status?messageId=${message.messageId}`,
    });
  });

  test("a from-number is used when there is no Messaging Service", async () => {
    await twilioTransport({
      accountSid: ACCOUNT,
      authToken: "t",
      fromNumber: "+12025550100",
      statusCallbackUrl: "https://b.test/s",
      apiOrigin: fake.origin,
    }).send(message);
    expect(new URLSearchParams(fake.requests.at(-1)?.body).get("From")).toBe("+12025550100");
  });

  test("a permanent Twilio error (21211) becomes a PermanentSendError; a 500 stays retryable", async () => {
    fake.failNext(1, 400, 21211);
    const permanent = await transport()
      .send(message)
      .catch((error: unknown) => error);
    expect(permanent).toBeInstanceOf(PermanentSendError);
    expect(permanent).toMatchObject({ code: "21211", message: "Phone number is not valid (Twilio 21211)" });
    fake.failNext(1, 500);
    const temporary = await transport()
      .send(message)
      .catch((error: unknown) => error);
    expect(temporary).not.toBeInstanceOf(PermanentSendError);
  });
});

describe("Resend SDK against a local fake", () => {
  test("POSTs /emails with Bearer auth, the idempotency key and the React Email HTML", async () => {
    const transport = resendTransport({
      apiKey: "re_test_key",
      from: "Bright Smile <billing@bright.test>",
      baseUrl: fake.origin,
    });
    const first = await transport.send(message);
    const request = fake.requests.at(-1);
    expect(request?.path).toBe("/emails");
    expect(request?.headers.authorization).toBe("Bearer re_test_key");
    expect(request?.headers["idempotency-key"]).toBe(message.messageId);
    const body = JSON.parse(request?.body ?? "{}") as Record<string, unknown>;
    expect(body).toMatchObject({
      from: "Bright Smile <billing@bright.test>",
      to: ["+12025550143"],
      subject: "Your statement",
    });
    expect(String(body.html)).toContain("Hi Jamie, pay here: https://x.test/p/abc");
    expect(String(body.html)).toMatch(/^<!DOCTYPE html/);
    expect(String(body.text)).toContain("Sent by Bright Smile.");
    // A retry with the same idempotency key gets the same email back, not a second one.
    const again = await transport.send(message);
    expect(again.providerId).toBe(first.providerId);
  });
});
