import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password";
export type DemoRole = "admin" | "biller" | "viewer";
export const DEMO_CLINIC_NAME = "Bright Smile Dental & Medical";
export const LAKESIDE_CLINIC_NAME = "Lakeside Pediatrics";

/**
 * Signs in through the real login form as one of the demo accounts (ui-contract.md).
 * admin@demo.clinic works for two clinics: it picks `clinic` on "Choose a clinic" (the first
 * demo clinic unless told otherwise); the others go straight to `next`.
 */
export async function signInAs(
  page: Page,
  role: DemoRole,
  next = "/billing/invoices",
  clinic: string = DEMO_CLINIC_NAME,
) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(`${role}@demo.clinic`);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (role === "admin") {
    await expect(page.getByRole("heading", { name: "Choose a clinic" })).toBeVisible();
    await page.getByRole("button", { name: clinic }).click();
  }
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, "\\$&")}`));
}
