import { expect, test } from "@playwright/test";
import { DEMO_CLINIC_NAME, LAKESIDE_CLINIC_NAME, signInAs } from "../support/staff";

test("an admin of two clinics switches with the user menu and never sees the other clinic's rows", async ({ page }) => {
  await signInAs(page, "admin", "/patients");
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: DEMO_CLINIC_NAME })).toBeVisible();
  const hrefs = await page
    .getByRole("main")
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const demoPatientPath = hrefs.find((href) => /^\/patients\/[0-9a-f-]{36}$/.test(href));
  expect(demoPatientPath).toBeTruthy();

  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Switch clinic" }).click();
  await expect(page.getByRole("heading", { name: "Choose a clinic" })).toBeVisible();
  await page.getByRole("button", { name: LAKESIDE_CLINIC_NAME }).click();
  await expect(page.getByRole("heading", { name: "Invoice Management" })).toBeVisible();
  await expect(header.getByRole("link", { name: LAKESIDE_CLINIC_NAME })).toBeVisible();

  // The other clinic's patient, asked for by id, is not there.
  await page.goto(demoPatientPath ?? "/");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await page.goto("/choose-clinic");
  await page.getByRole("button", { name: DEMO_CLINIC_NAME }).click();
  await expect(header.getByRole("link", { name: DEMO_CLINIC_NAME })).toBeVisible();
  await page.goto(demoPatientPath ?? "/");
  await expect(page.getByRole("heading", { name: "Page not found" })).toHaveCount(0);
});
