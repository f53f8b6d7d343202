import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";

test.describe("adding a patient by hand", () => {
  test("New Patient → Save patient lands on the patient page; the list finds them", async ({ page }) => {
    await signInAs(page, "biller", "/patients");
    await page.getByRole("link", { name: "New Patient" }).click();
    await expect(page.getByRole("heading", { name: "New Patient" })).toBeVisible();
    await page.getByLabel("First name").fill("Imani");
    await page.getByLabel("Last name").fill("Handley");
    await page.getByLabel("Date of birth").fill("1988-03-14");
    await page.getByLabel("Phone").fill("312.555.0123");
    await page.getByLabel("Email").fill("Imani.Handley@Example.com");
    await page.getByLabel("MRN").fill("E2E-HAND-1");
    await page.getByLabel("Preferred language").selectOption({ label: "Spanish" });
    await page.getByRole("button", { name: "Save patient" }).click();

    await expect(page.getByRole("heading", { name: "Imani Handley" })).toBeVisible();
    await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel("Phone")).toHaveValue("(312) 555-0123");
    await expect(page.getByLabel("Email")).toHaveValue("imani.handley@example.com");
    // No zone chosen: the patient uses the clinic's.
    await expect(page.getByLabel("Time zone")).toHaveValue("");
    await expect(page.getByLabel("Time zone").locator("option:checked")).toHaveText(
      "Clinic's time zone (America/New York)",
    );

    await page.goto("/patients?q=E2E-HAND-1");
    await expect(page.getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("row").nth(1)).toContainText("(312) 555-0123");
  });

  test("bad input is refused field by field and nothing is saved; an MRN in use names its patient", async ({
    page,
  }) => {
    await signInAs(page, "biller", "/patients/new");
    await page.getByLabel("First name").fill("Bad");
    await page.getByLabel("Last name").fill("Input");
    await page.getByLabel("Date of birth").fill("2999-01-01");
    await page.getByLabel("Phone").fill("555-123");
    await page.getByRole("button", { name: "Save patient" }).click();
    await expect(page.getByText("Date of birth is in the future.").first()).toBeVisible();
    await expect(page.getByText(/^Enter a valid phone number/).first()).toBeVisible();
    await expect(page).toHaveURL(/\/patients\/new$/);

    await page.getByLabel("Date of birth").fill("1970-05-05");
    await page.getByLabel("Phone").fill("");
    await page.getByLabel("MRN").fill("MRN-100050");
    await page.getByRole("button", { name: "Save patient" }).click();
    await expect(page.getByText(/^MRN MRN-100050 is already used by .+\.$/).first()).toBeVisible();

    await page.goto("/patients?q=Bad Input");
    await expect(page.getByText("No patients match your search.")).toBeVisible();
  });
});
