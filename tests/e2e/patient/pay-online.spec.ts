import { expect, test } from "@playwright/test";
import { E2E_PATIENT_LINKS } from "@/db/seed/e2e-patient-links";
import { expectAccessible } from "../a11y/support";
import { type FakeStripe, startFakeStripe } from "./support/fake-stripe";
import { alertWith, enterDateOfBirth, phone, useClientIp } from "./support/patient-page";
import { E2E_STRIPE_WEBHOOK_SECRET, e2eFakeStripePort } from "./support/stripe-env";

test.use(phone);

const appPort = Number(process.env.E2E_PORT ?? 3100);
let fakeStripe: FakeStripe;

test.beforeAll(async () => {
  fakeStripe = await startFakeStripe({
    port: e2eFakeStripePort(appPort),
    webhookUrl: `http://127.0.0.1:${appPort}/api/webhooks/stripe`,
    webhookSecret: E2E_STRIPE_WEBHOOK_SECRET,
  });
});

test.afterAll(async () => {
  await fakeStripe.close();
});

test("a patient pays the balance through Stripe Checkout and sees Paid", async ({ page }) => {
  const { token, dateOfBirth } = E2E_PATIENT_LINKS.pay;
  await useClientIp(page, "203.0.113.21");
  await page.goto(`/p/${token}`);
  await enterDateOfBirth(page, dateOfBirth);
  await expect(page.getByRole("heading", { name: "Pay online" })).toBeVisible();
  const balance = await page.getByTestId("balance-due").innerText();

  // Below the clinic's minimum is refused before Stripe is asked.
  await page.getByLabel("Amount to pay").fill("0.50");
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(alertWith(page, "The smallest online payment is $1.00.")).toBeVisible();
  expect(fakeStripe.sessions.size).toBe(0);

  await page.getByLabel("Amount to pay").fill(balance.replace(/[$,]/g, ""));
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
  const [session] = [...fakeStripe.sessions.values()];
  expect(session?.amount_total).toBe(Math.round(Number(balance.replace(/[$,]/g, "")) * 100));
  expect(session?.metadata.amountCents).toBe(String(session?.amount_total));

  await page.getByRole("button", { name: "Complete payment" }).click();
  // Stripe returns the patient by the link's opaque id, never its token.
  await expect(page).toHaveURL(/\/p\/checkout\/[0-9a-f-]{36}\?session_id=cs_test_/);
  await expect(page.getByRole("heading", { name: "Paid", exact: true })).toBeVisible();
  await expect(page.getByText(`We received your payment of ${balance}.`)).toBeVisible();
  await expectAccessible(page, "checkout return, paid");
  expect(fakeStripe.deliveries.map((delivery) => delivery.status)).toEqual([200]);

  // The set is paid, so its link is revoked: the statement is no longer served.
  const again = await page.goto(`/p/${token}`);
  expect(again?.status()).toBe(404);
});
