import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { E2E_PATIENT_LINKS } from "@/db/seed/e2e-patient-links";
import { enterDateOfBirth, useClientIp } from "../patient/support/patient-page";
import { signInAs } from "../support/staff";

/** Serious and critical WCAG 2 A/AA violations on the page as it is now, in a readable form. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
}

/** The first link on the page whose address matches, for pages reached through a list. */
async function firstHref(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`No link matching ${pattern}`);
  return href;
}

test.describe("axe: no serious or critical WCAG 2 A/AA violations", () => {
  test("staff pages", async ({ page }) => {
    // Eleven pages and two overlays, each analysed in full.
    test.setTimeout(180_000);
    await signInAs(page, "admin");
    const pages = [
      "/billing/invoices",
      "/invoices",
      "/invoices/new",
      "/patients",
      "/billing/rule-sets",
      "/billing/rule-sets/new",
      "/billing/outbox",
    ];
    await page.goto("/invoices");
    pages.push(await firstHref(page, /^\/invoices\/[0-9a-f-]{36}$/));
    await page.goto("/patients");
    const patient = await firstHref(page, /^\/patients\/[0-9a-f-]{36}$/);
    pages.push(patient, `${patient}/payment`);
    await page.goto("/billing/rule-sets");
    pages.push(await firstHref(page, /^\/billing\/rule-sets\/[0-9a-f-]{36}$/));

    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      expect.soft(await seriousViolations(page), path).toEqual([]);
    }

    // The table with a row menu open and a dialog open.
    await page.goto("/billing/invoices?status=active");
    await page.getByRole("button", { name: "Actions" }).first().click();
    await expect(page.getByRole("menu")).toBeVisible();
    expect(await seriousViolations(page), "row menu").toEqual([]);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page), "shortcuts dialog").toEqual([]);
  });

  test("sign-in page", async ({ page }) => {
    await page.goto("/login");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("patient pages, at 320 px and at 200% zoom", async ({ page }) => {
    const { statement } = E2E_PATIENT_LINKS;
    await useClientIp(page, "203.0.113.91");
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`/p/${statement.token}`);
    expect(await seriousViolations(page), "identity check").toEqual([]);
    await expectNoSidewaysScroll(page);
    await enterDateOfBirth(page, statement.dateOfBirth);
    await expect(page.getByRole("heading", { name: "Balance due" })).toBeVisible();
    expect(await seriousViolations(page), "statement").toEqual([]);
    await expectNoSidewaysScroll(page);
    // 200% zoom of a 1280-px window is a 640-px layout with twice the pixel density.
    await page.setViewportSize({ width: 640, height: 400 });
    await expectNoSidewaysScroll(page);
  });
});

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}
