import { expect, test } from "@playwright/test";

// Runs against its own server whose database has no clinic (playwright.config.ts, project "first-run").
test("first run: /setup creates the clinic and its admin, then is gone", async ({ page }) => {
  await page.goto("/login");
  await expect(page).toHaveURL(/\/setup/);
  await expect(page.getByRole("heading", { name: "Set up your clinic" })).toBeVisible();

  await page.getByRole("button", { name: "Create clinic" }).click();
  await expect(page.getByText("Enter the clinic's name (2 characters or more).")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();

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
