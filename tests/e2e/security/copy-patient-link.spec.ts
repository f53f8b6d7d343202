import { expect, test } from "@playwright/test";
import { firstRowWithStatus, openRowMenu, rowById, search } from "../invoice-management/support";
import { signInAs } from "../support/staff";

test.describe("Copy patient link", () => {
  test("a biller gets a fresh link once; the patient page shows no name or amount before the date of birth", async ({
    page,
    browser,
  }) => {
    await signInAs(page, "biller");
    // Only reads these sets (a link is not a change of state), so a shared prefix is safe.
    await search(page, "MRN-1001");
    const row = rowById(page, await firstRowWithStatus(page, "Active"));
    const name = (await row.locator("td[data-column=patient] b").innerText()).trim();
    const amount = (await row.locator("td[data-column=amount]").innerText()).trim();
    expect(amount).toMatch(/^\$\d/);

    await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Copy patient link" }).click();
    const dialog = page.getByRole("dialog", { name: "Copy patient link" });
    const field = dialog.getByRole("textbox", { name: "Patient link" });
    await expect(field).toHaveValue(/\/p\/[A-Za-z0-9_-]{43}$/);
    const url = await field.inputValue();
    await expect(dialog.getByRole("button", { name: "Copy", exact: true })).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).click();

    // Audited: the set's timeline says who made it.
    await row.getByRole("button", { name: "Show Details" }).click();
    await expect(
      page
        .getByRole("region", { name: "Invoice Timeline" })
        .getByRole("listitem")
        .filter({ hasText: "Patient link created to share by phone" })
        .last(),
    ).toContainText("Blair Biller");

    // The patient, in a browser of their own.
    const patient = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.60" } });
    const patientPage = await patient.newPage();
    const response = await patientPage.goto(url);
    expect(response?.status()).toBe(200);
    await expect(patientPage.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
    const html = await patientPage.content();
    expect(html).not.toContain(name);
    expect(html).not.toContain(name.split(" ").at(-1) ?? name);
    expect(html).not.toContain(amount);
    await patient.close();
  });

  test("viewers get no Copy patient link and no Outbox (403)", async ({ page }) => {
    await signInAs(page, "viewer");
    // Only reads these sets (a link is not a change of state), so a shared prefix is safe.
    await search(page, "MRN-1001");
    await expect(page.getByRole("button", { name: "Copy patient link" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Outbox" })).toHaveCount(0);
    const outbox = await page.goto("/billing/outbox");
    expect(outbox?.status()).toBe(403);
  });
});
