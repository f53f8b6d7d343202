import { expect, test } from "@playwright/test";
import { callServerAction, serverActionId } from "../support/server-actions";
import { signInAs } from "../support/staff";
import { firstRowWithStatus, rowById, setRows } from "./support";

test.describe("viewer", () => {
  test("sees the table and timelines but no actions", async ({ page }) => {
    await signInAs(page, "viewer");
    await expect(setRows(page).first()).toBeVisible();
    for (const name of ["Write Off", "Send to Collections", "Change Rule Set", "Pause", "Resume", "Cancel"]) {
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await expect(page.getByRole("checkbox", { name: "Select all" })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: "Select row" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Take Payment" })).toHaveCount(0);
    await setRows(page).first().getByRole("button", { name: "Show Details" }).click();
    await expect(page.getByRole("region", { name: "Invoice Timeline" })).toBeVisible();
  });

  test("a viewer is refused a mutation even when calling the server action directly", async ({ page }) => {
    await signInAs(page, "viewer");
    const id = await firstRowWithStatus(page, "Active");
    const actionId = serverActionId("pauseInvoiceSet", "billing/invoices/actions.ts");
    const response = await callServerAction(page, "/billing/invoices", actionId, [{ invoiceSetId: id }]);
    expect(response.status).toBe(200);
    expect(response.body).toContain('"code":"forbidden"');
    expect(response.body).toContain("Your role doesn't allow this.");

    await page.reload();
    await expect(rowById(page, id).getByText("Active", { exact: true })).toBeVisible();
  });
});
