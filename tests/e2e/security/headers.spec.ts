import { expect, type Page, type Response, test } from "@playwright/test";
import { E2E_PATIENT_LINKS } from "@/db/seed/e2e-patient-links";
import { signInAs } from "../support/staff";

function expectSecurityHeaders(response: Response | null, { stripe }: { stripe: boolean }) {
  const headers = response?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  if (stripe) expect(csp).toContain("form-action 'self' https://checkout.stripe.com");
  else expect(csp).not.toContain("stripe");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // The suite runs over http: no HSTS (it is sent when APP_URL is https).
  expect(headers["strict-transport-security"]).toBeUndefined();
  return csp.match(/'nonce-([^']+)'/)?.[1] ?? "";
}

/** Every inline script Next.js wrote carries this response's nonce, and the browser blocked nothing. */
async function expectScriptsCarryNonce(page: Page, nonce: string, violations: string[]) {
  const nonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  for (const value of nonces) expect(value).toBe(nonce);
  expect(violations).toEqual([]);
}

function recordViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  return violations;
}

test.describe("security headers", () => {
  test("/login carries the CSP with a fresh nonce and the fixed headers, and still works", async ({ page }) => {
    const violations = recordViolations(page);
    const first = await page.goto("/login");
    const nonce = expectSecurityHeaders(first, { stripe: false });
    await expectScriptsCarryNonce(page, nonce, violations);
    const second = await page.goto("/login");
    expect(expectSecurityHeaders(second, { stripe: false })).not.toBe(nonce);
  });

  test("a staff page carries them, and its scripts run under the policy", async ({ page }) => {
    const violations = recordViolations(page);
    await signInAs(page, "biller");
    const response = await page.goto("/billing/invoices");
    const nonce = expectSecurityHeaders(response, { stripe: false });
    await expect(page.getByRole("heading", { name: "Invoice Management" })).toBeVisible();
    await expectScriptsCarryNonce(page, nonce, violations);
  });

  test("the patient page allows Stripe Checkout as a form target, and nothing else from Stripe", async ({ page }) => {
    const violations = recordViolations(page);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.40" });
    const response = await page.goto(`/p/${E2E_PATIENT_LINKS.statement.token}`);
    const nonce = expectSecurityHeaders(response, { stripe: true });
    expect(response?.headers()["content-security-policy"]).not.toMatch(/script-src[^;]*stripe/);
    await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
    await expectScriptsCarryNonce(page, nonce, violations);
  });

  test("API routes are never framed or sniffed", async ({ request }) => {
    const response = await request.get("/api/auth/session");
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("provider webhooks, which skip the proxy, still answer with the API policy", async ({ request }) => {
    const response = await request.post("/api/webhooks/twilio/status", { form: { MessageSid: "SM1" } });
    expect(response.status()).toBe(403);
    expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
  });
});
