import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { signInAs } from "../support/staff";

test.describe("CSV export", () => {
  test("Export CSV on Invoice Management downloads exactly the filtered list", async ({ page }) => {
    await signInAs(page, "viewer", "/billing/invoices?status=paused&sort=amount&dir=desc");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const [header, ...rows] = parse(await readFile(file, "utf8")) as string[][];
    expect(header).toEqual([
      "Invoice set ID",
      "Status",
      "Amount outstanding",
      "Patient",
      "MRN",
      "Created",
      "Next send",
      "Rule set",
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(["Paused"]));
    const amounts = rows.map((row) => Number(row[2]));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    // The page's first row is the export's first row (same filters, same order).
    await expect(page.getByRole("row").nth(1)).toContainText(rows[0]?.[4] ?? "missing");
  });

  test("Export CSV on Patients applies the search", async ({ page }) => {
    await signInAs(page, "viewer", "/patients?q=MRN-100050");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const [, ...rows] = parse(await readFile(await (await download).path(), "utf8")) as string[][];
    expect(rows.map((row) => row[0])).toEqual(["MRN-100050"]);
  });
});
