import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

test.describe("patients", () => {
  test("search, open a patient, fix contact details (phone stored E.164, shown formatted), refuse a bad email", async ({
    page,
  }) => {
    await signInAs(page, "biller", "/patients");
    await page.getByRole("searchbox", { name: "Search" }).fill("MRN-100050");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=MRN-100050/);
    const rows = page.getByRole("row");
    await expect(rows).toHaveCount(2);
    await rows.nth(1).getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Contact details" })).toBeVisible();

    await page.getByLabel("Phone").fill("(202) 555-0177");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Save patient" }).click();
    await expect(page.getByText("Enter a valid email address, e.g. name@example.com.").first()).toBeVisible();

    await page.getByLabel("Email").fill("Fixed.Address@Example.com");
    await page.getByRole("button", { name: "Save patient" }).click();
    await expect(page.getByText("Patient saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Phone")).toHaveValue("(202) 555-0177");
    await expect(page.getByLabel("Email")).toHaveValue("fixed.address@example.com");
  });

  test("Take Payment spreads a payment over the oldest invoices and refuses more than the balance", async ({
    page,
  }) => {
    await signInAs(page, "biller", "/patients?q=MRN-100060");
    await page.getByRole("row").nth(1).getByRole("link").click();
    await page.getByRole("link", { name: "New Invoice" }).click();
    await expect(page.getByTestId("picked-patient")).toContainText("MRN-100060");
    await page.getByLabel("Code 1").fill("D2391");
    await page.getByLabel("Description 1").fill("Resin composite, one surface");
    await page.getByLabel("Unit price 1").fill("150");
    await page.getByRole("button", { name: "Save Draft" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("Draft");
    await page.getByRole("button", { name: "Issue" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("Issued");
    await page.goto("/patients?q=MRN-100060");
    await page.getByRole("row").nth(1).getByRole("link").click();
    await page.getByRole("link", { name: "Take Payment" }).click();
    await expect(page.getByRole("heading", { name: "Take Payment" })).toBeVisible();

    const total = (await page.getByTestId("outstanding-total").textContent()) ?? "";
    const totalCents = Math.round(Number(total.replace(/[$,]/g, "")) * 100);
    await page.getByLabel("Method").selectOption({ label: "ACH" });
    await page.getByLabel("Amount").fill(((totalCents + 1) / 100).toFixed(2));
    await page.getByRole("button", { name: "Record Payment" }).click();
    await expect(page.getByRole("alert").first()).toContainText(
      `is more than the patient's balance of ${total}. Nothing was recorded.`,
    );
    await page.reload();
    await expect(page.getByTestId("outstanding-total")).toHaveText(total);

    await page.getByLabel("Method").selectOption({ label: "Cash" });
    await page.getByLabel("Amount").fill("10.00");
    await page.getByRole("button", { name: "Record Payment" }).click();
    await expect(page.getByText(/Payment of \$10\.00 recorded/)).toBeVisible();
    await expect(page.getByTestId("outstanding-total")).toHaveText(usd.format((totalCents - 1000) / 100));
  });
});
