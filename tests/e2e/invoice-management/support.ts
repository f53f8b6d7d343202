import { expect, type Locator, type Page } from "@playwright/test";

export function setsTable(page: Page): Locator {
  return page.getByRole("table", { name: "Invoice sets" });
}

/** Data rows of the table (the header row and expanded detail rows left out). */
export function setRows(page: Page): Locator {
  return setsTable(page).locator("tr[data-invoice-set-id]");
}

export function rowById(page: Page, id: string): Locator {
  return setsTable(page).locator(`tr[data-invoice-set-id="${id}"]`);
}

/**
 * Searches for a visible text such as an MRN prefix and waits until the table shows only
 * matching rows (the server re-render has landed).
 */
export async function search(page: Page, text: string) {
  await page.getByLabel("Search").fill(text);
  await page.getByLabel("Search").press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(setRows(page).first()).toBeVisible();
  await expect(setRows(page).filter({ hasNotText: text })).toHaveCount(0);
}

/** The id of the first row whose status badge reads `status`. */
export async function firstRowWithStatus(page: Page, status: string): Promise<string> {
  const row = setRows(page)
    .filter({ has: page.getByText(status, { exact: true }) })
    .first();
  await expect(row).toBeVisible();
  const id = await row.getAttribute("data-invoice-set-id");
  if (!id) throw new Error(`No ${status} row`);
  return id;
}

/** Opens a row's "Actions" menu and returns it. */
export async function openRowMenu(page: Page, row: Locator): Promise<Locator> {
  await row.getByRole("button", { name: "Actions" }).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  return menu;
}

/** The names of the menuitems a row's "Actions" menu offers (the menu is closed again after). */
export async function rowMenuItems(page: Page, row: Locator): Promise<string[]> {
  const menu = await openRowMenu(page, row);
  const names = (await menu.getByRole("menuitem").allInnerTexts()).map((name) => name.trim());
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  return names;
}
