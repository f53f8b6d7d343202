import { devices, expect, type Page } from "@playwright/test";

const iPhone = devices["iPhone 13"];

/** A phone-sized viewport on the suite's chromium (iPhone 13's size, touch and user agent). */
export const phone = {
  viewport: iPhone.viewport,
  userAgent: iPhone.userAgent,
  deviceScaleFactor: iPhone.deviceScaleFactor,
  isMobile: true,
  hasTouch: true,
};

/** Each test claims its own client address, so the per-address lock of one test never blocks another. */
export async function useClientIp(page: Page, ip: string) {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": ip });
}

export async function enterDateOfBirth(page: Page, isoDate: string) {
  const [year = "", month = "", day = ""] = isoDate.split("-");
  await page.getByLabel("Month").fill(month);
  await page.getByLabel("Day").fill(day);
  await page.getByLabel("Year").fill(year);
  await page.getByRole("button", { name: "View statement" }).click();
}

export function alertWith(page: Page, text: string | RegExp) {
  return page.getByRole("alert").filter({ hasText: text });
}

export async function expectIdentityCheck(page: Page) {
  await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Date of birth" })).toBeVisible();
}
