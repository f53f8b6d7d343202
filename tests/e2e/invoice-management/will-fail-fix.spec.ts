import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { openRowMenu, rowById, setRows } from "./support";

async function firstRowWithReason(page: import("@playwright/test").Page, reason: RegExp) {
  const row = setRows(page).filter({ hasText: reason }).first();
  await expect(row).toBeVisible();
  return rowById(page, (await row.getAttribute("data-invoice-set-id")) ?? "");
}

test.describe("Will Fail explained, with the fix one click away", () => {
  test("Edit contact fixes a missing phone number from the row", async ({ page }) => {
    await signInAs(page, "biller", "/billing/invoices?status=will_fail,failed&size=100");
    const row = await firstRowWithReason(page, /No phone number on file/);
    const mrn = (await row.locator("td[data-column=patient]").innerText()).match(/MRN-\d+/)?.[0] ?? "";
    const reason = row.getByRole("button", { name: /No phone number on file/ });
    // Scrolling closes a tooltip, so the row is brought into view before focusing.
    await reason.scrollIntoViewIfNeeded();
    // A refresh of the list (the engine works in the background) can re-render the row and drop the tooltip.
    await expect(async () => {
      await reason.blur();
      await reason.focus();
      await expect(page.getByRole("tooltip")).toContainText("No phone number on file", { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Edit contact" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit contact" });
    await dialog.getByLabel("Phone").fill("12345");
    await dialog.getByRole("button", { name: "Save contact" }).click();
    await expect(dialog.getByLabel("Phone")).toHaveAccessibleDescription(/Enter a valid phone number/);

    await dialog.getByLabel("Phone").fill("(202) 555-0143");
    await dialog.getByRole("button", { name: "Save contact" }).click();
    await expect(page.getByText("Contact details saved; the set is Active again and outreach restarts.")).toBeVisible();
    await expect(dialog).toBeHidden();
    // Active again, so it leaves the Will Fail / Failed list; find it by MRN.
    await expect(row).toHaveCount(0);
    await page.goto(`/billing/invoices?q=${mrn}`);
    const fixed = setRows(page).filter({ hasText: "(202) 555-0143" });
    await expect(fixed.getByText("Active", { exact: true })).toBeVisible();
    await expect(fixed).not.toContainText("No phone number on file");
  });

  test("texts can't reach an opted-out patient: switch to the email-only rule set", async ({ page }) => {
    await signInAs(page, "biller", "/billing/invoices?status=will_fail&size=100");
    const row = await firstRowWithReason(page, /Opted out of texts on [A-Z][a-z]{2} \d{1,2}/);
    const mrn = (await row.locator("td[data-column=patient]").innerText()).match(/MRN-\d+/)?.[0] ?? "";
    await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Switch to email-only rule set" }).click();
    await expect(page.getByText(/Rule set changed to “Email only \(30 days\)”/)).toBeVisible();
    // Email reaches the patient, so the engine re-checks the set and it is Active again; it may
    // leave this Will Fail list before the list refreshes, so it is looked up by MRN.
    await expect(async () => {
      await page.goto(`/billing/invoices?q=${mrn}`);
      const fixed = setRows(page).first();
      await expect(fixed.locator("td[data-column=ruleSet]")).toHaveText("Email only (30 days)", { timeout: 2_000 });
      await expect(fixed.getByText("Active", { exact: true })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  });
});
