import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";

test("a viewer sees no Settings link and is refused /settings (403)", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.getByRole("button", { name: "User menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Account" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Settings" })).toHaveCount(0);
  await expect(page.getByRole("menuitem", { name: "Switch clinic" })).toHaveCount(0);
  await page.keyboard.press("Escape");

  for (const path of ["/settings", "/settings/staff"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  }
});

test("an admin saves the clinic settings; bad input gets field messages", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
  // Each section saves on its own (Clinic, Outreach): the Clinic one is under test here.
  const clinic = page.getByRole("region", { name: "Clinic" });
  await page.getByLabel("Default due days").fill("-3");
  await clinic.getByRole("button", { name: "Save settings" }).click();
  // Said at the field (and repeated in the form's summary).
  await expect(page.getByLabel("Default due days")).toHaveAccessibleDescription(/Use 0 \(due on issue\) or more\./);
  await page.getByLabel("Default due days").fill("21");
  await clinic.getByRole("button", { name: "Save settings" }).click();
  await expect(clinic.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Default due days")).toHaveValue("21");

  // Back to the demo's value, so other stories see the clinic as seeded.
  await page.getByLabel("Default due days").fill("30");
  await clinic.getByRole("button", { name: "Save settings" }).click();
  await expect(clinic.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
});
