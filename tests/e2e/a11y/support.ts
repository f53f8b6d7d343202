import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Serious and critical WCAG 2 A/AA violations on the page as it is now, in a readable form. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
}

/** Soft, so one run lists every page that fails rather than only the first. */
export async function expectAccessible(page: Page, label: string) {
  expect.soft(await seriousViolations(page), label).toEqual([]);
}

/** Nothing wider than the window: a page that needs sideways scrolling fails 320 px and 200% zoom. */
export async function expectNoSidewaysScroll(page: Page, label: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect.soft(overflow, `${label}: sideways scroll in px`).toBeLessThanOrEqual(0);
}

/** The first link on the page whose address matches, for pages reached through a list. */
export async function firstHref(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`No link matching ${pattern}`);
  return href;
}
