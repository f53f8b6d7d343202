/** The fake Stripe the e2e app is configured against (playwright.config.ts) and the pay test starts. */
export const E2E_STRIPE_WEBHOOK_SECRET = "whsec_e2e_fake_stripe_secret_0123456789";
export const E2E_STRIPE_SECRET_KEY = "sk_test_e2e_fake_stripe";

export function e2eFakeStripePort(appPort: number): number {
  return Number(process.env.E2E_FAKE_STRIPE_PORT ?? appPort + 1000);
}
