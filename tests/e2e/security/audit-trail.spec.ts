import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { setRows } from "../invoice-management/support";
import { signInAs } from "../support/staff";

const BILLER_IP = "203.0.113.70";

test("every staff read of patient data and every sign-in event lands in the audit viewer", async ({
  browser,
  page,
}) => {
  // The biller, from an address of their own.
  const billerContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": BILLER_IP } });
  const biller = await billerContext.newPage();
  await biller.goto("/login");
  await biller.getByLabel("Email").fill("biller@demo.clinic");
  await biller.getByLabel("Password").fill("not-the-password");
  await biller.getByRole("button", { name: "Sign in" }).click();
  await expect(biller.getByRole("alert").filter({ hasText: "don't match" })).toBeVisible();
  await signInAs(biller, "biller");

  await biller.goto("/patients?q=MRN-100041");
  await biller.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(biller).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  const patientName = (await biller.getByRole("heading", { level: 1 }).innerText()).trim();
  const patientId = biller.url().split("/").at(-1) ?? "";
  await biller.goto(`${biller.url()}/payment`);
  // "New invoice" for this patient shows their name, MRN and date of birth: a read too.
  await biller.goto(`/invoices/new?patientId=${patientId}`);
  await expect(biller.getByRole("heading", { name: "New Invoice" })).toBeVisible();
  await biller.goto("/invoices");
  await biller.locator('a[href^="/invoices/"]').filter({ hasText: /\d/ }).first().click();
  await expect(biller).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await biller.goto("/billing/invoices");
  await setRows(biller).first().getByRole("button", { name: "Show Details" }).click();
  await expect(biller.getByRole("region", { name: "Invoice Timeline" })).toBeVisible();
  await biller.goto("/billing/outbox");
  await biller.getByRole("button", { name: "User menu" }).click();
  await biller.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(biller).toHaveURL(/\/login/);
  await billerContext.close();

  // The admin reads it back, filtered to the biller.
  await signInAs(page, "admin", "/settings/audit");
  await page.getByLabel("Person").selectOption({ label: "Blair Biller" });
  await page.getByRole("button", { name: "Filter" }).click();
  const table = page.getByRole("table", { name: "Audit log" });
  for (const action of [
    "auth.sign_in_failed",
    "auth.sign_in",
    "patient.list",
    "patient.view",
    "patient.view_take_payment",
    "invoice.list",
    "invoice.view",
    "invoice_set.list",
    "invoice_set.view_timeline",
    "message.list_outbox",
    "auth.sign_out",
  ]) {
    await expect(table.getByRole("row").filter({ hasText: action }).first(), action).toBeVisible();
  }
  const view = table.getByRole("row").filter({ hasText: "patient.view" }).filter({ hasText: patientName }).first();
  await expect(view).toContainText("Blair Biller");
  await expect(view).toContainText("biller");
  await expect(view).toContainText(BILLER_IP);
  await expect(view.locator("time")).toHaveText(/E[SD]T$/);
  await expect(
    table.getByRole("row").filter({ hasText: "patient.view" }).filter({ hasText: "page: new_invoice" }).first(),
  ).toContainText(patientName);

  // Filter by patient: only rows about that patient.
  await page.getByLabel("Patient").fill(patientName);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(table.getByRole("row").filter({ hasText: "patient.view" }).first()).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "auth.sign_in" })).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile((await (await download).path()) ?? "", "utf8");
  expect(csv.split("\r\n")[0]).toBe('"When","Who","Role","What","Record","Before → After","From"');
  expect(csv).toContain('"patient.view"');
  expect(csv).toContain(patientName);
});

test("the audit viewer is for admins only", async ({ page }) => {
  await signInAs(page, "biller");
  expect((await page.goto("/settings/audit"))?.status()).toBe(403);
  expect((await page.request.get("/settings/audit/export")).status()).toBe(403);
});
