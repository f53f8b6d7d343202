import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { rowById, setRows } from "./support";

test("keyboard only: find a set with /, select it with x, pause it from the menu", async ({ page }) => {
  await signInAs(page, "biller", "/billing/invoices?status=active&q=MRN-10026");
  const mrn = (await setRows(page).first().locator("td[data-column=patient]").innerText()).match(/MRN-\d+/)?.[0];
  if (!mrn) throw new Error("No active set in MRN-10026x");
  await page.goto("/billing/invoices");
  // The shortcuts listen once the page's script has loaded.
  await page.waitForLoadState("networkidle");
  await expect(page).toHaveTitle("Invoice Management · Bright Smile Dental & Medical");

  // "?" opens the list once the page has hydrated, which a loaded machine may finish after "networkidle".
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(help).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(help).toContainText("Focus Search");
  await expect(help).toContainText("Select or unselect the row");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("/");
  await expect(page.getByLabel("Search")).toBeFocused();
  await page.keyboard.type(mrn);
  await page.keyboard.press("Enter");
  await expect(setRows(page)).toHaveCount(1);
  await expect(setRows(page).first()).toContainText(mrn);
  const id = await setRows(page).first().getAttribute("data-invoice-set-id");
  const row = rowById(page, id ?? "");

  await page.keyboard.press("ArrowDown");
  await expect(row).toBeFocused();
  await page.keyboard.press("x");
  await expect(row.getByRole("checkbox", { name: "Select row" })).toBeChecked();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 invoice set selected");

  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Invoice Timeline" })).toBeVisible();

  await expect(row).toBeFocused();
  await page.keyboard.press("m");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  const pause = menu.getByRole("menuitem", { name: "Pause", exact: true });
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("ArrowDown");
    if (await pause.evaluate((item) => item === document.activeElement)) break;
  }
  await expect(pause).toBeFocused();
  await page.keyboard.press("Enter");
  // Pause asks for an optional resume date and reason; tab to its button and confirm.
  const confirm = page.getByRole("dialog", { name: "Pause outreach" }).getByRole("button", { name: "Pause outreach" });
  for (let i = 0; i < 8; i++) {
    if (await confirm.evaluate((button) => button === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(row.getByText("Paused", { exact: true })).toBeVisible();
  await expect(page.getByText("Paused: no more messages go out until you resume this invoice set.")).toBeVisible();
});
