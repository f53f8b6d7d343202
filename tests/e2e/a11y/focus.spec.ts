import { expect, type Page, test } from "@playwright/test";
import { E2E_PATIENT_LINKS } from "@/db/seed/e2e-patient-links";
import { useClientIp } from "../patient/support/patient-page";
import { signInAs } from "../support/staff";

/**
 * Tabs through the page and describes every focused element that shows no focus ring (an
 * outline on it or on the card around it), so keyboard users always see where they are.
 */
async function elementsWithoutVisibleFocus(page: Page, presses: number): Promise<string[]> {
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  const missing = new Set<string>();
  for (let i = 0; i < presses; i += 1) {
    await page.keyboard.press("Tab");
    const problem = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      // The ring may sit on a card around the control (`has-focus-visible:`), so its parents count too.
      const ringed = [element, element.parentElement, element.parentElement?.parentElement].some((node) => {
        if (!node) return false;
        const style = getComputedStyle(node);
        return style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
      });
      if (ringed) return null;
      // A date field's last stop is Chromium's own calendar button, ringed inside the field's closed shadow root.
      if (element instanceof HTMLInputElement && element.type === "date") return null;
      const name = element.getAttribute("aria-label") ?? element.id ?? element.textContent?.trim().slice(0, 40);
      const type = element.getAttribute("type");
      return `${element.tagName.toLowerCase()}${type ? `[type=${type}]` : ""} "${name}"`;
    });
    if (problem) missing.add(problem);
  }
  return [...missing];
}

test("staff pages show where keyboard focus is", async ({ page }) => {
  await signInAs(page, "biller");
  for (const path of ["/billing/invoices", "/billing/overview", "/invoices/new", "/patients/new", "/settings"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    expect.soft(await elementsWithoutVisibleFocus(page, 30), path).toEqual([]);
  }
});

test("the patient page shows where keyboard focus is", async ({ page }) => {
  await useClientIp(page, "203.0.113.92");
  await page.goto(`/p/${E2E_PATIENT_LINKS.a11y.token}`);
  await expect(page.getByRole("heading").first()).toBeVisible();
  expect(await elementsWithoutVisibleFocus(page, 10)).toEqual([]);
});
