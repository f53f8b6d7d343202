import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { pickPatient } from "./support";

test.describe("invoice form errors people can act on", () => {
  test("an empty second charge row is ignored and the code may be left out", async ({ page }) => {
    await signInAs(page, "biller", "/invoices/new");
    await pickPatient(page, "MRN-100044");
    await page.getByLabel("Description 1").fill("Self-pay visit");
    await page.getByLabel("Unit price 1").fill("80.00");
    await page.getByRole("button", { name: "Add charge" }).click();
    await expect(page.getByLabel("Description 2")).toBeVisible();
    await page.getByRole("button", { name: "Save Draft" }).click();
    await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("invoice-status")).toHaveText("Draft");
    await expect(page.getByText("Self-pay visit")).toBeVisible();
    await expect(page.getByText("$80.00").first()).toBeVisible();
  });

  test("the summary says what is missing in words and the field says it too", async ({ page }) => {
    await signInAs(page, "biller", "/invoices/new");
    await pickPatient(page, "MRN-100045");
    await page.getByLabel("Code 1").fill("D0120");
    await page.getByLabel("Unit price 1").fill("65");
    await page.getByRole("button", { name: "Add charge" }).click();
    await page.getByLabel("Description 2").fill("Cleaning");
    await page.getByLabel("Unit price 2").fill("12,,5");
    await page.getByRole("button", { name: "Save Draft" }).click();

    const alert = page.getByRole("alert").filter({ hasText: "Charge 1 needs a description." });
    await expect(alert).toContainText("Charge 2, unit price: Enter an amount like 125.00.");
    await expect(alert).not.toContainText("charges.");
    await expect(page.getByLabel("Description 1")).toHaveAccessibleDescription("Enter a description.");
    await expect(page.getByLabel("Unit price 2")).toHaveAccessibleDescription("Enter an amount like 125.00.");
    await expect(page).toHaveURL(/\/invoices\/new$/);
  });
});
