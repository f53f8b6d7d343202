import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { setRows } from "./support";

test.describe("metric cards", () => {
  test("each card shows its count, filters the table to its status, and the URL survives a reload", async ({
    page,
  }) => {
    await signInAs(page, "viewer");
    const metrics = page.getByRole("navigation", { name: "Invoice metrics" });
    for (const name of ["Failed", "Expired", "Paused", "Will Fail"]) {
      await expect(metrics.getByRole("link", { name, exact: true })).toBeVisible();
    }

    const card = metrics.getByRole("link", { name: "Failed", exact: true });
    const count = Number((await page.getByTestId("metric-failed").innerText()).replace(/,/g, ""));
    expect(count).toBeGreaterThan(0);
    await card.click();
    await expect(page).toHaveURL(/[?&]status=failed(&|$)/);
    await expect(page.getByText(`${count} invoice ${count === 1 ? "set" : "sets"}`)).toBeVisible();
    await expect(setRows(page).first()).toBeVisible();
    const badges = await setRows(page).locator("td[data-column=status] span").allInnerTexts();
    expect(new Set(badges)).toEqual(new Set(["Failed"]));

    await page.reload();
    await expect(page).toHaveURL(/[?&]status=failed(&|$)/);
    await expect(page.getByRole("checkbox", { name: "Failed" })).toBeChecked();
    await expect(page.getByText(`${count} invoice ${count === 1 ? "set" : "sets"}`)).toBeVisible();

    await metrics.getByRole("link", { name: "Will Fail", exact: true }).click();
    await expect(page).toHaveURL(/[?&]status=will_fail(&|$)/);
    await expect(setRows(page).first().getByText("Will Fail", { exact: true })).toBeVisible();
  });

  test("filters live in the URL; an empty result says so and offers Clear filters", async ({ page }) => {
    await signInAs(page, "viewer");
    await page.getByLabel("Search").fill("(zz) nobody-by-this-name");
    await page.getByLabel("Amount min").fill("10");
    await page.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/amountMin=10/);
    await expect(page.getByText("No invoice sets match these filters.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Amount min")).toHaveValue("10");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(setRows(page).first()).toBeVisible();
    await expect(page.getByLabel("Search")).toHaveValue("");

    // A mangled URL shows the default view, not an error page.
    await page.goto("/billing/invoices?status=bogus&amountMin=abc&size=7&sort=evil&cursor=%%%");
    await expect(page.getByRole("heading", { name: "Invoice Management" })).toBeVisible();
    await expect(setRows(page)).toHaveCount(25);
  });
});
