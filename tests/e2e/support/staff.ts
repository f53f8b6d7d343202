import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password";
export type DemoRole = "admin" | "biller" | "viewer";

/** Signs in through the real login form as one of the demo accounts (ui-contract.md). */
export async function signInAs(page: Page, role: DemoRole, next = "/billing/invoices") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(`${role}@demo.clinic`);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, "\\$&")}`));
}
