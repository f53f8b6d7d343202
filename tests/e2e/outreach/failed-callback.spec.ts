import { expect, test } from "@playwright/test";
import twilio from "twilio";
import { signInAs } from "../support/staff";
import { E2E_TWILIO_AUTH_TOKEN } from "../support/twilio";

const STATUS_PATH = "/api/webhooks/twilio/status";

test("a signed Twilio failure callback fails the set and the Outbox shows the reason; a forged one changes nothing", async ({
  page,
  baseURL,
}) => {
  await signInAs(page, "admin", "/billing/outbox");
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();

  // A text the demo's outbox "sent" for a set that is still Active.
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: "SMS", exact: true }) })
    .filter({ has: page.getByText("Active", { exact: true }) })
    .first();
  const providerId = (await row.locator("code").textContent())?.trim() ?? "";
  expect(providerId).toMatch(/^outbox-/);

  const params = { MessageSid: providerId, MessageStatus: "undelivered", ErrorCode: "30006" };
  const forged = await page.request.post(STATUS_PATH, {
    form: params,
    headers: {
      "X-Twilio-Signature": twilio.getExpectedTwilioSignature("not-the-token", `${baseURL}${STATUS_PATH}`, params),
    },
  });
  expect(forged.status()).toBe(403);
  await page.reload();
  await expect(
    page.getByRole("row").filter({ hasText: providerId }).getByText("Active", { exact: true }),
  ).toBeVisible();

  const signature = twilio.getExpectedTwilioSignature(E2E_TWILIO_AUTH_TOKEN, `${baseURL}${STATUS_PATH}`, params);
  const signed = await page.request.post(STATUS_PATH, { form: params, headers: { "X-Twilio-Signature": signature } });
  expect(signed.status()).toBe(200);
  expect(await signed.json()).toEqual({ outcome: "applied" });

  // The callback records the message; the outreach engine fails the set right after.
  const failedRow = page.getByRole("row").filter({ hasText: providerId });
  await expect(async () => {
    await page.reload();
    await expect(failedRow.getByText("Failed", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(failedRow.getByText("Number is a landline (30006)")).toBeVisible();
  await expect(failedRow.getByRole("cell", { name: "undelivered (30006)" })).toBeVisible();
});
