import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { pickPatient } from "./support";

test("a draft saves itself and survives a reload without pressing Save", async ({ page }) => {
  await signInAs(page, "biller", "/invoices/new");
  const status = page.getByRole("status", { name: "Draft autosave" });
  await pickPatient(page, "MRN-100046");
  // Choosing the patient creates the draft; the address becomes the draft's own.
  await expect(status).toHaveText("Saved");
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  const url = page.url();

  // The edits go out on their own (a server-action POST) once typing pauses.
  const autosaved = page.waitForResponse(
    (response) => response.request().method() === "POST" && response.url() === url && response.ok(),
  );
  await page.getByLabel("Description 1").fill("Night guard");
  await page.getByLabel("Unit price 1").fill("310.00");
  await autosaved;
  await expect(status).toHaveText("Saved");

  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.getByTestId("invoice-status")).toHaveText("Draft");
  await expect(page.getByTestId("picked-patient")).toContainText("MRN-100046");
  await expect(page.getByLabel("Description 1")).toHaveValue("Night guard");
  await expect(page.getByLabel("Unit price 1")).toHaveValue("310.00");
});

test("an edit the server refuses says so and offers Retry", async ({ page }) => {
  await signInAs(page, "biller", "/invoices/new");
  const status = page.getByRole("status", { name: "Draft autosave" });
  await pickPatient(page, "MRN-100047");
  await expect(status).toHaveText("Saved");
  await page.getByLabel("Description 1").fill("Crown");
  await expect(status).toHaveText("Not saved — Charge 1 needs a unit price.");
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
  await page.getByLabel("Unit price 1").fill("950");
  await expect(status).toHaveText("Saved");
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
});
