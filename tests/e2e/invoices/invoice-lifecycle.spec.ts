import { expect, test } from "@playwright/test";
import { callServerAction, serverActionId } from "../support/server-actions";
import { signInAs } from "../support/staff";
import { createDraftInvoice, recordPayment } from "./support";

test.describe("invoice lifecycle on the review screen", () => {
  test("create → issue → partial cash payment → Partially Paid → pay the rest → Paid", async ({ page }) => {
    await signInAs(page, "biller");
    await createDraftInvoice(page, "MRN-100040");
    const actions = page.getByRole("group", { name: "Invoice actions" });
    await expect(actions.getByRole("button", { name: "Delete" })).toBeVisible();
    await expect(actions.getByRole("button", { name: "Record Payment" })).toHaveCount(0);

    await actions.getByRole("button", { name: "Issue" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("Issued");
    await expect(actions.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(page.getByText("Issued date")).toBeVisible();

    const first = await recordPayment(page, "Cash", "50");
    await expect(first).toHaveCount(0);
    await expect(page.getByTestId("invoice-status")).toHaveText("Partially Paid");
    await expect(page.getByTestId("invoice-balance")).toHaveText("$70.00");

    await recordPayment(page, "Card", "70.00", "4242");
    await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
    await expect(page.getByTestId("invoice-balance")).toHaveText("$0.00");
    await expect(page.getByRole("group", { name: "Invoice actions" })).toHaveCount(0);
    const payments = page.getByRole("region", { name: "Payments" });
    await expect(payments.getByRole("row")).toHaveCount(3);
    await expect(payments.getByRole("cell", { name: "4242" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Invoice history" })).toContainText("Recorded a payment of $70.00");
  });

  test("void (reason required) → duplicate → a new draft with the same charges", async ({ page }) => {
    await signInAs(page, "biller");
    const url = await createDraftInvoice(page, "MRN-100041", {
      code: "D1110",
      description: "Prophylaxis",
      quantity: "2",
      unitPrice: "62.50",
    });
    await page.getByRole("button", { name: "Issue" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("Issued");

    await page.getByRole("button", { name: "Void" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Enter a reason for voiding this invoice.");
    await dialog.getByLabel("Reason").fill("Billed to the wrong patient");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("Voided");
    await expect(page.getByText("Billed to the wrong patient").first()).toBeVisible();

    await page.getByRole("button", { name: "Duplicate" }).click();
    await expect(page).not.toHaveURL(url);
    await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("invoice-status")).toHaveText("Draft");
    await expect(
      page.getByRole("region", { name: "Charges" }).getByRole("cell", { name: "Prophylaxis" }),
    ).toBeVisible();
    await expect(page.getByTestId("invoice-balance")).toHaveText("$125.00");
  });

  test("an over-payment is refused with the message shown, and nothing changes", async ({ page }) => {
    await signInAs(page, "biller");
    await createDraftInvoice(page, "MRN-100042", {
      code: "D0120",
      description: "Periodic oral evaluation",
      quantity: "1",
      unitPrice: "80",
    });
    await page.getByRole("button", { name: "Issue" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("Issued");

    const dialog = await recordPayment(page, "Check", "100.00", "1001");
    await expect(dialog.getByRole("alert")).toHaveText("The payment is more than the balance of $80.00.");
    await dialog.getByRole("button", { name: "Back" }).click();
    await page.reload();
    await expect(page.getByTestId("invoice-status")).toHaveText("Issued");
    await expect(page.getByTestId("invoice-balance")).toHaveText("$80.00");
    await expect(page.getByRole("region", { name: "Payments" })).toContainText("No payments yet.");
  });

  test("a viewer sees no actions, and the server refuses the action when called directly", async ({ page }) => {
    await signInAs(page, "biller");
    const url = await createDraftInvoice(page, "MRN-100043");
    const invoiceId = url.split("/").pop() ?? "";
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    await signInAs(page, "viewer", `/invoices/${invoiceId}`);
    await expect(page.getByTestId("invoice-status")).toHaveText("Draft");
    await expect(page.getByRole("group", { name: "Invoice actions" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save Draft" })).toHaveCount(0);

    const actionId = serverActionId("issueInvoiceAction", "app/(staff)/invoices/actions.ts");
    const response = await callServerAction(page, `/invoices/${invoiceId}`, actionId, [{ invoiceId }]);
    expect(response.body).toContain("Your role doesn't allow this.");
    await page.reload();
    await expect(page.getByTestId("invoice-status")).toHaveText("Draft");
  });
});
