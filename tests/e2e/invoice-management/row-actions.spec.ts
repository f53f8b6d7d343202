import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { firstRowWithStatus, openRowMenu, rowById, rowMenuItems, search } from "./support";

// Each test works on its own slice of the demo patients (MRN-10029x, MRN-10027x), so
// other tests never see their changes.
test.describe("row actions", () => {
  test("Pause changes the badge and lands on the Invoice Timeline", async ({ page }) => {
    await signInAs(page, "biller");
    await search(page, "MRN-10029");
    const id = await firstRowWithStatus(page, "Active");
    const row = rowById(page, id);
    await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Pause", exact: true }).click();
    await page.getByRole("dialog", { name: "Pause outreach" }).getByRole("button", { name: "Pause outreach" }).click();
    await expect(page.getByText("Paused: no more messages go out until you resume this invoice set.")).toBeVisible();
    await expect(row.getByText("Paused", { exact: true })).toBeVisible();
    const items = await rowMenuItems(page, row);
    expect(items).toContain("Resume");
    expect(items).not.toContain("Pause");

    await row.getByRole("button", { name: "Show Details" }).click();
    const timeline = page.getByRole("region", { name: "Invoice Timeline" });
    const entry = timeline.getByRole("listitem").filter({ hasText: "Pause: Paused (was Active)" });
    await expect(entry).toBeVisible();
    await expect(entry).toContainText("Blair Biller");
    await expect(entry.locator("time")).toHaveText(/E[SD]T$/);

    await page.reload();
    await expect(rowById(page, id).getByText("Paused", { exact: true })).toBeVisible();
  });

  test("Pause until a date with a reason: the row and the Paused card say when it resumes", async ({ page }) => {
    await signInAs(page, "biller");
    await search(page, "MRN-10016");
    const id = await firstRowWithStatus(page, "Active");
    const row = rowById(page, id);
    await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Pause", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Pause outreach" });
    const resumeOn = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel("Resume on").fill(resumeOn);
    await dialog.getByLabel("Reason").selectOption("Insurance pending");
    await dialog.getByRole("button", { name: "Pause outreach" }).click();
    await expect(page.getByText("Paused: no messages go out until the set resumes by itself")).toBeVisible();
    await expect(row.getByText("Insurance pending")).toBeVisible();
    await expect(row.getByText(/^Resumes \w{3} \d{1,2}, \d{4}$/)).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: /metric/i }).getByText(/resumes? in the next 7 days/),
    ).toContainText(/\d+ resumes? in the next 7 days/);

    await row.getByRole("button", { name: "Show Details" }).click();
    const timeline = page.getByRole("region", { name: "Invoice Timeline" });
    await expect(
      timeline
        .getByRole("listitem")
        .filter({ hasText: /Pause: Paused \(was Active\) — until .+ \(Insurance pending\)/ }),
    ).toBeVisible();
  });

  test("Change Rule Set picks another rule set in a dialog", async ({ page }) => {
    await signInAs(page, "biller");
    await search(page, "MRN-10027");
    const row = rowById(page, await firstRowWithStatus(page, "Active"));
    const before = (await row.locator("td[data-column=ruleSet]").innerText()).trim();
    const after = before.startsWith("Standard") ? "Gentle (60 days)" : "Standard (30 days)";
    await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Change Rule Set" }).click();
    const dialog = page.getByRole("dialog", { name: "Change Rule Set" });
    await dialog.getByLabel("New rule set").selectOption({ label: after });
    await dialog.getByRole("button", { name: "Save rule set" }).click();
    await expect(page.getByText(`Rule set changed to “${after}”; the set is Active.`)).toBeVisible();
    await expect(row.getByRole("cell", { name: after, exact: true })).toBeVisible();
  });

  test("a destructive action asks first; going back changes nothing", async ({ page }) => {
    await signInAs(page, "biller");
    await search(page, "MRN-10027");
    const row = rowById(page, await firstRowWithStatus(page, "Active"));
    await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Cancel" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("button", { name: "Confirm" })).toBeVisible();
    await dialog.getByRole("button", { name: "Back" }).click();
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
  });
});
