import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";

const FILE = [
  "MRN,First Name,Last Name,DOB,Phone,Service Date,Description,Code,Amount",
  "E2E-IMP-1,Nadia,Importwell,1979-06-30,(312) 555-0161,2026-10-05,Periodic exam,D0120,65.00",
  "E2E-IMP-2,Omar,Importwell,04/12/1985,,2026-10-05,Prophylaxis,D1110,110.00",
  "E2E-IMP-3,Bad,Row,not-a-date,,2026-10-05,Exam,D0120,65.00",
].join("\n");

test.describe("CSV import", () => {
  test("preview → Import → the patients are listed; the bad row is reported and not written", async ({ page }) => {
    await signInAs(page, "biller", "/imports");
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "practice-export.csv", mimeType: "text/csv", buffer: Buffer.from(FILE) });
    await page.getByRole("button", { name: "Preview import" }).click();

    await expect(page.getByRole("heading", { name: "Import: practice-export.csv" })).toBeVisible();
    await expect(page.getByTestId("import-preview")).toHaveText(
      "3 rows: 2 new patients, 0 updated patients, 2 invoices. 1 rows have problems and will not be imported.",
    );
    await expect(page.getByText("Row 4: date of birth 'not-a-date' is not a date")).toBeVisible();
    await expect(page.getByLabel("mrn (required)")).toHaveValue("MRN");

    await page.getByRole("button", { name: "Import 2 rows" }).click();
    await expect(page.getByTestId("import-result")).toContainText(
      "2 new patients, 0 updated patients, 2 invoices (0 issued). 1 rows rejected.",
    );

    await page.goto("/patients?q=Importwell");
    await expect(page.getByRole("row")).toHaveCount(3);
    await expect(page.getByRole("link", { name: "Importwell, Nadia" })).toBeVisible();
    await page.goto("/patients?q=E2E-IMP-3");
    await expect(page.getByText("No patients match your search.")).toBeVisible();

    await page.goto("/imports");
    await expect(page.getByRole("row", { name: /practice-export\.csv/ })).toContainText("Imported");
  });
});
