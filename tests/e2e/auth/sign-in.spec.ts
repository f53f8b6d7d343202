import { expect, test } from "@playwright/test";
import { type DemoRole, signInAs } from "../support/staff";

test.describe("staff sign-in", () => {
  for (const role of ["admin", "biller", "viewer"] as DemoRole[]) {
    test(`${role} signs in and sees the app shell`, async ({ page }) => {
      await signInAs(page, role);
      await expect(page.getByRole("heading", { name: "Invoice Management" })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const item of ["Overview", "Billing > Invoices", "Invoices", "Patients", "Rule Sets"]) {
        await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
      }
      await page.getByRole("button", { name: "User menu" }).click();
      await expect(page.getByText(`${role}@demo.clinic`)).toBeVisible();
      await page.getByRole("menuitem", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login/);
    });
  }

  test("a signed-out visit to Invoice Management lands on /login", async ({ page }) => {
    await page.goto("/billing/invoices");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("biller@demo.clinic");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "That email and password don't match. Try again." }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });
});
