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
  await page.getByRole("dialog", { name: "Pause outreach" }).getByRole("button", { name: "Pause outreach" }).click();

  const result = page.getByRole("status", { name: "Bulk action result" });
  const expected = skipped === 0 ? `${pausable} paused` : `${pausable} paused, ${skipped} skipped: `;
  await expect(result).toContainText(expected);
  if (statuses.includes("Paid")) await expect(result).toContainText("already paid");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);
  // Web-first assertions: they wait for the refreshed rows instead of reading them once.
  const badges = setRows(page).locator("td[data-column=status] span");
  await expect(badges.filter({ hasText: /^(Active|Will Fail|Failed)$/ })).toHaveCount(0);
  await expect(badges.filter({ hasText: /^Paused$/ })).toHaveCount(
    statuses.filter((s) => s === "Paused").length + pausable,
  );
});

test("Select all N matching these filters runs the action over every match, not just the page", async ({ page }) => {
  await signInAs(page, "admin");
  // MRN-1002xx: about a hundred demo patients, more than one page.
  await page.goto("/billing/invoices?q=MRN-1002&status=paused");
  const total = Number(((await page.getByText(/^\d+ invoice sets?/).innerText()).match(/^\d+/) ?? ["0"])[0]);
  await page.goto("/billing/invoices?q=MRN-1002");
  const all = Number(((await page.getByText(/^\d+ invoice sets?/).innerText()).match(/^\d+/) ?? ["0"])[0]);
  expect(all).toBeGreaterThan(25);

  await page.getByRole("checkbox", { name: "Select all" }).check();
  await page.getByRole("button", { name: `Select all ${all} matching these filters` }).click();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText(`${all} invoice sets selected`);
  await bar.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(page.getByRole("status", { name: "Bulk action result" })).toContainText(
    `${total} resumed, ${all - total} skipped: `,
  );

  await page.goto("/billing/invoices?q=MRN-1002&status=paused");
  await expect(page.getByText("No invoice sets match these filters.")).toBeVisible();
});
