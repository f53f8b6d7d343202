import { expect, test } from "@playwright/test";
import { expectAccessible } from "../a11y/support";

// The second test signs in to the clinic the first one creates.
test.describe.configure({ mode: "serial" });

// Runs against its own server whose database has no clinic (playwright.config.ts, project "first-run").
test("first run: /setup creates the clinic and its admin, then is gone", async ({ page }) => {
  await page.goto("/login");
  await expect(page).toHaveURL(/\/setup/);
  await expect(page.getByRole("heading", { name: "Set up your clinic" })).toBeVisible();
  await expectAccessible(page, "/setup");

  await page.getByRole("button", { name: "Create clinic" }).click();
  await expect(page.getByText("Enter the clinic's name (2 characters or more).")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expectAccessible(page, "/setup with field errors");

  await page.getByLabel("Clinic name").fill("Riverbend Family Practice");
  await page.getByLabel("Time zone").selectOption("America/Denver");
  await page.getByLabel("Clinic phone").fill("(303) 555-0142");
  await page.getByLabel("Clinic email").fill("billing@riverbend.example");
  await page.getByLabel("Your name").fill("Morgan Owner");
  await page.getByLabel("Your email").fill("morgan@riverbend.example");
  await page.getByLabel("Password", { exact: true }).fill("granite-sparrow-kettle-64");
  await page.getByLabel("Confirm password").fill("granite-sparrow-kettle-64");
  await page.getByRole("button", { name: "Create clinic" }).click();

  await expect(page).toHaveURL(/\/settings/);
  await expect(page.getByLabel("Clinic name")).toHaveValue("Riverbend Family Practice");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/Denver");

  const again = await page.goto("/setup");
  expect(again?.status()).toBe(404);
});

// Only this clinic exists here, so requiring two-factor locks out no other test's staff.
test("a clinic that requires two-factor sends its admin to set it up, on an accessible page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("morgan@riverbend.example");
  await page.getByLabel("Password").fill("granite-sparrow-kettle-64");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/billing\/invoices/);
  await page.goto("/settings");
  const clinicSection = page.getByRole("region", { name: "Clinic" });
  await clinicSection.getByLabel("Require two-factor for all staff").check();
  await clinicSection.getByRole("button", { name: "Save settings" }).click();
  // The save applies at once: the admin has no second factor yet, so the next page is the setup.
  await expect(page).toHaveURL(/\/login\/enrol-two-factor/);
  await expect(page.getByRole("heading", { name: "Turn on two-factor" })).toBeVisible();
  await expectAccessible(page, "/login/enrol-two-factor");
});
