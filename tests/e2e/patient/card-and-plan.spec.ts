import { expect, test } from "@playwright/test";
import { E2E_PATIENT_LINKS } from "@/db/seed/e2e-patient-links";
import { type FakeStripe, startFakeStripe } from "./support/fake-stripe";
import { enterDateOfBirth, phone, useClientIp } from "./support/patient-page";
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

test("a patient saves a card with consent, then chooses a payment plan", async ({ page }) => {
  const { token, dateOfBirth } = E2E_PATIENT_LINKS.plan;
  await useClientIp(page, "203.0.113.31");
  await page.goto(`/p/${token}`);
  await enterDateOfBirth(page, dateOfBirth);

  const card = page.getByRole("region", { name: "Save a card for future payments" });
  await expect(card).toBeVisible();
  await card.getByRole("checkbox", { name: /^I authorise .+ to charge this card for / }).check();
  await card.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
  const [session] = [...fakeStripe.sessions.values()];
  expect(session?.mode).toBe("setup");
  expect(session?.metadata.consentIp).toBe("203.0.113.31");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${token}\\?card=saved$`));
  await expect(page.getByText(/^Card on file: Visa •••• 4242, exp 04\/28, consented /)).toBeVisible();
  expect(fakeStripe.deliveries.map((delivery) => delivery.status)).toEqual([200]);

  const plan = page.getByRole("region", { name: "Pay over time" });
  const first = plan.getByRole("radio").first();
  const label = (await plan.locator("label").first().innerText()).trim();
  const months = Number(/Pay over (\d+) months/.exec(label)?.[1]);
  expect(months).toBeGreaterThan(0);
  await first.check();
  await plan.getByRole("button", { name: "Start payment plan" }).click();

  const running = page.getByRole("region", { name: "Your payment plan" });
  await expect(running).toBeVisible();
  const items = running.getByRole("list", { name: "Your installments" }).getByRole("listitem");
  await expect(items).toHaveCount(months);
  await expect(items.filter({ hasText: "Scheduled" })).toHaveCount(months);
  // The printed statement keeps the plan's installments (only the buttons and forms are hidden).
  await page.emulateMedia({ media: "print" });
  await expect(items.first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Print statement" })).toBeHidden();
});
