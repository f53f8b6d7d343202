import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { firstRowWithStatus, rowById, rowMenuItems, setRows } from "./support";

const STATUS_ACTIONS = ["Write Off", "Send to Collections", "Change Rule Set", "Pause", "Resume", "Cancel"];

// invoice-management.txt's status table: what a row's Actions menu offers in each status.
const EXPECTED: [status: string, param: string, actions: string[]][] = [
  ["Active", "active", ["Write Off", "Send to Collections", "Change Rule Set", "Pause", "Cancel"]],
  ["Paused", "paused", ["Write Off", "Send to Collections", "Change Rule Set", "Resume", "Cancel"]],
  ["Expired", "expired", ["Write Off", "Send to Collections", "Change Rule Set", "Cancel"]],
  ["Will Fail", "will_fail", ["Write Off", "Send to Collections", "Change Rule Set", "Pause", "Cancel"]],
  ["Failed", "failed", ["Write Off", "Send to Collections", "Change Rule Set", "Pause", "Cancel"]],
  ["Paid", "paid", []],
  ["Cancelled", "cancelled", []],
  ["Written Off", "written_off", []],
  ["Collections", "collections", []],
];

test("each status's row menu offers exactly the actions the status table allows", async ({ page }) => {
  await signInAs(page, "biller");
  for (const [label, param, actions] of EXPECTED) {
    await page.goto(`/billing/invoices?status=${param}`);
    const row = setRows(page).first();
    await expect(row.locator("td[data-column=status]")).toContainText(label);
    if (actions.length === 0) {
      await expect(row.getByRole("button", { name: "Actions" })).toHaveCount(0);
      await expect(row.getByText("No actions")).toBeVisible();
      continue;
    }
    // Other features add their own items (Send now, Copy patient link): compare the six.
    const offered = (await rowMenuItems(page, row)).filter((name) => STATUS_ACTIONS.includes(name));
    expect(offered, label).toEqual(actions);
  }
});

test("a refused action puts the row back and says why", async ({ page }) => {
  await signInAs(page, "biller", "/billing/invoices?q=MRN-10025");
  const id = await firstRowWithStatus(page, "Active");
  const row = rowById(page, id);
  // The set is paused elsewhere (another tab) after this page loaded.
  const other = await page.context().newPage();
  await other.goto("/billing/invoices?q=MRN-10025");
  const otherRow = other.locator(`tr[data-invoice-set-id="${id}"]`);
  await otherRow.getByRole("button", { name: "Actions" }).click();
  await other.getByRole("menuitem", { name: "Pause", exact: true }).click();
  await other.getByRole("dialog", { name: "Pause outreach" }).getByRole("button", { name: "Pause outreach" }).click();
  await expect(other.getByText("Paused: no more messages go out until you resume this invoice set.")).toBeVisible();
  await other.close();

  await row.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("menuitem", { name: "Pause", exact: true }).click();
  await page.getByRole("dialog", { name: "Pause outreach" }).getByRole("button", { name: "Pause outreach" }).click();
  await expect(page.getByText("Pause isn't possible while the invoice set is Paused.")).toBeVisible();
  // The refused dialog stays open with nothing changed; closing it shows the row.
  await page.keyboard.press("Escape");
  // Rolled back, then the refresh after the refusal shows the real status.
  await expect(row.getByText("Paused", { exact: true })).toBeVisible();
});
