import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { search, setRows } from "./support";

test("bulk Pause over the page's rows pauses the ones it applies to and says what it skipped", async ({ page }) => {
  await signInAs(page, "biller");
  await search(page, "MRN-10028");
  await expect(setRows(page).first()).toBeVisible();
  const statuses = await setRows(page).locator("td[data-column=status] span").allInnerTexts();
  const pausable = statuses.filter((s) => ["Active", "Will Fail", "Failed"].includes(s)).length;
  const skipped = statuses.length - pausable;

  await page.getByRole("checkbox", { name: "Select all" }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText(`${statuses.length} invoice sets selected`);
  await bar.getByRole("button", { name: "Pause", exact: true }).click();

  const result = page.getByRole("status", { name: "Bulk action result" });
  const expected = skipped === 0 ? `${pausable} paused` : `${pausable} paused, ${skipped} skipped: `;
  await expect(result).toContainText(expected);
  if (statuses.includes("Paid")) await expect(result).toContainText("already paid");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);
  const now = await setRows(page).locator("td[data-column=status] span").allInnerTexts();
  expect(now.filter((s) => ["Active", "Will Fail", "Failed"].includes(s))).toEqual([]);
  expect(now.filter((s) => s === "Paused").length).toBe(statuses.filter((s) => s === "Paused").length + pausable);
});
