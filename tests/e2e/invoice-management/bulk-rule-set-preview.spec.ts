import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { search, setRows } from "./support";

const OPEN = ["Active", "Paused", "Expired", "Will Fail", "Failed"];

test("bulk Change Rule Set previews what happens next before it runs", async ({ page }) => {
  await signInAs(page, "biller");
  await search(page, "MRN-10024");
  const rows = await setRows(page).evaluateAll((trs) =>
    trs.map((tr) => ({
      status: tr.querySelector("td[data-column=status] span")?.textContent?.trim() ?? "",
      ruleSet: tr.querySelector("td[data-column=ruleSet]")?.textContent?.trim() ?? "",
    })),
  );
  const target = "Gentle (60 days)";
  const switching = rows.filter((row) => OPEN.includes(row.status) && row.ruleSet !== target).length;
  const closed = rows.filter((row) => !OPEN.includes(row.status)).length;
  expect(switching).toBeGreaterThan(0);

  await page.getByRole("checkbox", { name: "Select all" }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByRole("button", { name: "Change Rule Set" }).click();
  const dialog = page.getByRole("dialog", { name: "Change Rule Set" });
  await dialog.getByLabel("New rule set").selectOption({ label: target });
  const preview = dialog.getByRole("region", { name: "What happens next" });
  await expect(preview).toContainText(`${switching} ${switching === 1 ? "set" : "sets"} switch to “${target}”`);
  if (closed > 0) await expect(preview).toContainText(`${closed} ${closed === 1 ? "set" : "sets"} skipped (closed)`);
  // One line per step of the rule set, each with its day and who it reaches.
  await expect(preview.getByRole("listitem").first()).toContainText(/^[A-Z][a-z]{2} \d{1,2} · .+: (text|email) to \d+/);

  await dialog.getByRole("button", { name: "Save rule set" }).click();
  await expect(page.getByRole("status", { name: "Bulk action result" })).toContainText(`${switching}`);
});
