import { expect, type Page } from "@playwright/test";

/** Creates a draft through the UI for a seeded patient found by MRN, with one charge; returns its URL. */
export async function createDraftInvoice(
  page: Page,
  mrn: string,
  charge = { code: "D0150", description: "Comprehensive oral evaluation", quantity: "1", unitPrice: "120.00" },
) {
  await page.goto("/invoices/new");
  await expect(page.getByRole("heading", { name: "New Invoice" })).toBeVisible();
  await pickPatient(page, mrn);
  await page.getByLabel("Clinician").selectOption({ index: 1 });
  await page.getByLabel("Service date").fill("2026-11-02");
  await page.getByLabel("Code 1").fill(charge.code);
  await page.getByLabel("Description 1").fill(charge.description);
  await page.getByLabel("Quantity 1").fill(charge.quantity);
  await page.getByLabel("Unit price 1").fill(charge.unitPrice);
  await page.getByRole("button", { name: "Save Draft" }).click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("invoice-status")).toHaveText("Draft");
  return page.url();
}

export async function recordPayment(page: Page, method: string, amount: string, reference = "") {
  await page.getByRole("button", { name: "Record Payment" }).click();
  const dialog = page.getByRole("dialog", { name: "Record Payment" });
  await dialog.getByLabel("Method").selectOption({ label: method });
  await dialog.getByLabel("Amount").fill(amount);
  if (reference) await dialog.getByLabel("Reference").fill(reference);
  await dialog.getByRole("button", { name: "Save Payment" }).click();
  return dialog;
}

/** Chooses a seeded patient in the "Patient" combobox by MRN. */
export async function pickPatient(page: Page, mrn: string) {
  await page.getByRole("combobox", { name: "Patient" }).fill(mrn);
  await page.getByRole("listbox", { name: "Matching patients" }).getByRole("option", { name: mrn }).click();
  await expect(page.getByTestId("picked-patient")).toContainText(mrn);
}
