import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { firstRowWithStatus, openRowMenu, rowById, search } from "./support";

// Works on demo patients MRN-10015x only, so other tests never see its changes.
test("a biller creates a 3-installment plan and sees the schedule on the row and the timeline", async ({ page }) => {
  await signInAs(page, "biller");
  await search(page, "MRN-10015");
  const id = await firstRowWithStatus(page, "Active");
  const row = rowById(page, id);
  await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Payment plan" }).click();
  const dialog = page.getByRole("dialog", { name: "Payment plan" });
  await dialog.getByLabel("Installments").fill("3");
  await dialog.getByLabel("Frequency").selectOption({ label: "Monthly" });
  const preview = dialog.getByRole("list", { name: "Schedule preview" });
  await expect(preview.getByRole("listitem")).toHaveCount(3);

  // A schedule under the clinic's minimum is explained before anything is sent.
  await dialog.getByLabel("Installments").fill("60");
  await expect(dialog.getByRole("status")).toContainText("the clinic's minimum is $25.00");
  await expect(dialog.getByRole("button", { name: "Create payment plan" })).toBeDisabled();
  await dialog.getByLabel("Installments").fill("3");
  await expect(preview.getByRole("listitem")).toHaveCount(3);
  await dialog.getByRole("button", { name: "Create payment plan" }).click();

  await expect(page.getByText(/^Payment plan created: 3 monthly installments: /)).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(row.getByText("On payment plan")).toBeVisible();

  await row.getByRole("button", { name: "Show Details" }).click();
  const timeline = page.getByRole("region", { name: "Invoice Timeline" });
  await expect(
    timeline.getByRole("listitem").filter({ hasText: /Payment plan: Active — 3 monthly installments: \$[\d,.]+ on / }),
  ).toBeVisible();

  // The row's Payment plan now shows the saved schedule, each installment Scheduled.
  await (await openRowMenu(page, row)).getByRole("menuitem", { name: "Payment plan" }).click();
  const schedule = page
    .getByRole("dialog", { name: "Payment plan" })
    .getByRole("list", { name: "Payment plan schedule" });
  await expect(schedule.getByRole("listitem")).toHaveCount(3);
  await expect(schedule.getByRole("listitem").filter({ hasText: "Scheduled" })).toHaveCount(3);
});
