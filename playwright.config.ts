import { defineConfig, devices } from "@playwright/test";
import {
  E2E_STRIPE_SECRET_KEY,
  E2E_STRIPE_WEBHOOK_SECRET,
  e2eFakeStripePort,
} from "./tests/e2e/patient/support/stripe-env";
import { E2E_TWILIO_AUTH_TOKEN } from "./tests/e2e/support/twilio";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// First-run setup needs a database without any clinic: a second server on port + 10.
const firstRunPort = port + 10;
const firstRunURL = `http://127.0.0.1:${firstRunPort}`;
const serverEnv = {
  AUTH_SECRET: "e2e-secret-that-is-long-enough-for-auth-js-0123456789",
  AUTH_TRUST_HOST: "true",
  // The in-process engine: sequences really run (to the outbox), with no Inngest anywhere.
  OUTREACH_ENGINE: "local",
  // The clinic's own "Sends per minute" is the limit under test; this is only the process-wide cap.
  OUTREACH_SENDS_PER_MINUTE: "600",
  NEXT_TELEMETRY_DISABLED: "1",
  // Playwright plays the one proxy in front: tests pick their client address with X-Forwarded-For.
  TRUSTED_PROXY_HOPS: "1",
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /first-run\//, use: { ...devices["Desktop Chrome"], channel: undefined } },
    {
      name: "first-run",
      testMatch: /first-run\/.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: firstRunURL },
    },
  ],
  // Started in this order: the second reuses the first one's build.
  webServer: [
    {
      command: "bash scripts/e2e-server.sh",
      url: `${baseURL}/login`,
      timeout: 600_000,
      reuseExistingServer: false,
      // The script then stops the server and drops the run's database.
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      stdout: "pipe",
      env: {
        ...serverEnv,
        E2E_PORT: String(port),
        APP_URL: baseURL,
        // Verifies signed test callbacks; without TWILIO_ACCOUNT_SID sends stay on the outbox transport.
        TWILIO_AUTH_TOKEN: E2E_TWILIO_AUTH_TOKEN,
        // Patient page: known test-only link tokens, and Stripe pointed at the fake the pay test starts.
        E2E_PATIENT_LINK_TOKENS: "1",
        STRIPE_SECRET_KEY: E2E_STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: E2E_STRIPE_WEBHOOK_SECRET,
        STRIPE_API_ORIGIN: `http://127.0.0.1:${e2eFakeStripePort(port)}`,
        // Test-only fake clock: POST /api/e2e/clock runs the "Pause until" pass at a chosen moment.
        E2E_CLOCK_ENDPOINT: "1",
      },
    },
    {
      command: "bash scripts/e2e-server.sh",
      url: `${firstRunURL}/setup`,
      timeout: 120_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      stdout: "pipe",
      env: { ...serverEnv, E2E_PORT: String(firstRunPort), APP_URL: firstRunURL, E2E_EMPTY_DATABASE: "1" },
    },
  ],
});
