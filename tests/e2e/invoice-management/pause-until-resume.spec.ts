import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { firstRowWithStatus, openRowMenu, rowById, search } from "./support";

const DAY = 86_400_000;

// Works on demo patients MRN-10009x only, so other tests never see its changes.
test("Pause until a date: on that date (a fake clock in the test server) the set resumes by itself", async ({
  page,
}) => {
  await signInAs(page, "biller");
  await search(page, "MRN-10009");
  const id = await firstRowWithStatus(page, "Active");
  const row = rowById(page, id);
  await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Pause", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Pause outreach" });
  await dialog.getByLabel("Resume on").fill(new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10));
  await dialog.getByLabel("Reason").selectOption("Promise to pay");
  await dialog.getByRole("button", { name: "Pause outreach" }).click();
  await expect(row.getByText("Paused", { exact: true })).toBeVisible();
  await expect(row.getByText(/^Resumes \w{3} \d{1,2}, \d{4}$/)).toBeVisible();

  // Three days on: the engine's "Pause until" pass runs at that moment (E2E_CLOCK_ENDPOINT, tests only).
  const clock = await page.request.post("/api/e2e/clock", {
    data: { now: new Date(Date.now() + 3 * DAY).toISOString() },
  });
  expect(clock.status()).toBe(200);
  expect((await clock.json()).resumed).toBeGreaterThanOrEqual(1);

  await page.reload();
  const resumed = rowById(page, id);
  await expect(resumed.getByText("Active", { exact: true })).toBeVisible();
  await resumed.getByRole("button", { name: "Show Details" }).click();
  await expect(
    page
      .getByRole("region", { name: "Invoice Timeline" })
      .getByRole("listitem")
      .filter({ hasText: /Resume: Active \(was Paused\).*the pause ended on its resume date/ }),
  ).toBeVisible();
});
