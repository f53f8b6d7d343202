import { expect, type Locator, type Page, test } from "@playwright/test";
import { E2E_OVERVIEW_CLINIC } from "@/db/seed/seed-e2e-overview";
import { signInAs } from "../support/staff";

/** A chart's card by its title, switched to its table; returns the table's rows as text cells. */
async function tableOf(page: Page, title: string): Promise<{ card: Locator; rows: string[][] }> {
  const card = page.getByRole("region", { name: title });
  await expect(card.getByRole("img", { name: new RegExp(`^${title}: `) })).toBeVisible();
  await expect(card.locator("svg.recharts-surface").first()).toBeVisible();
  await card.getByRole("button", { name: "Show as table" }).click();
  const table = card.getByRole("table", { name: new RegExp(title) });
  await expect(table).toBeVisible();
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent?.trim() ?? "")));
  return { card, rows };
}

// Every figure below is worked out by hand from the six sets of db/seed/seed-e2e-overview.ts
// (A–F there), over the default period: the last 90 days.
test("Overview: each chart and its table show the known clinic's figures", async ({ page }) => {
  await signInAs(page, "admin", "/billing/overview", E2E_OVERVIEW_CLINIC.name);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link").first()).toHaveText("Overview");
  await expect(page).toHaveTitle(`Overview · ${E2E_OVERVIEW_CLINIC.name}`);

  // Open balances by age: A 10 days, B 45, F 75, C (expired) 120.
  expect((await tableOf(page, "Outstanding by age")).rows).toEqual([
    ["0–30", "1", "$100.00"],
    ["31–60", "1", "$50.00"],
    ["61–90", "1", "$40.00"],
    ["90+", "1", "$25.00"],
  ]);

  // Texts: A, B ×2, D ×2 (C's went out before the period); emails: A's bounced, E's.
  // First link opens: A (after a text and an email), D (texts), E (email); D confirmed its
  // identity (E's wrong date of birth is no confirmation); D paid after texts, E after an email.
  expect((await tableOf(page, "Outreach funnel")).rows).toEqual([
    ["Sent", "5", "2"],
    ["Delivered", "5", "1"],
    ["Link opened", "2", "2"],
    ["Identity confirmed", "1", "0"],
    ["Paid", "1", "1"],
  ]);

  // Started in the period: A, B, D, E, F; paid: D (10 days after its start) and E (4 days).
  // Day 0 reached A, B, D, E and was E's last message before it paid (4 days later); day 7
  // reached B and D and was D's last message before it paid (3 days later).
  expect((await tableOf(page, "Results by rule set and step")).rows).toEqual([
    ["Standard (30 days)", "5", "2", "40%", "$110.00", "7"],
    ["Standard (30 days) · day 0: Your statement", "4", "1", "25%", "$30.00", "4"],
    ["Standard (30 days) · day 7: Reminder", "2", "1", "50%", "$80.00", "3"],
  ]);

  // E's $30 (24 days ago) and D's $80 (20 days ago), in one week or two, every other week empty.
  const weekly = (await tableOf(page, "Collections by week")).rows;
  expect(weekly.length).toBeGreaterThanOrEqual(13);
  expect(weekly.every((row) => /^\d{4}-\d{2}-\d{2}$/.test(row[0] ?? ""))).toBe(true);
  const collected = weekly.map((row) => row[1]).filter((cell) => cell !== "$0.00");
  expect([["$30.00", "$80.00"], ["$110.00"]]).toContainEqual(collected);
});
