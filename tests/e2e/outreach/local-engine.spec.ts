import { type Browser, expect, type Page, test } from "@playwright/test";
import { openRowMenu, search, setRows } from "../invoice-management/support";
import { createDraftInvoice } from "../invoices/support";
import { signInAs } from "../support/staff";

// The local engine (no Inngest anywhere): issuing an invoice sends the day-0 messages to the Outbox.

async function asRole(browser: Browser, role: "admin" | "biller", next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role, next);
  return page;
}

async function saveWindow(
  page: Page,
  window: { start: string; end: string; sunday: boolean; anyHour: boolean; perMinute: string },
) {
  await page.goto("/settings");
  const outreach = page.getByRole("region", { name: "Outreach" });
  await outreach.getByLabel("Sends per minute").fill(window.perMinute);
  await outreach.getByLabel("Send window start").fill(window.start);
  await outreach.getByLabel("Send window end").fill(window.end);
  await outreach.getByRole("checkbox", { name: "Sun" }).setChecked(window.sunday);
  await outreach.getByRole("checkbox", { name: "Allow any hour (testing only)" }).setChecked(window.anyHour);
  await outreach.getByRole("button", { name: "Save settings" }).click();
  await expect(outreach.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
}

/** Issues a new invoice for a seeded patient with no open set and waits for the day-0 text and email. */
async function issueAndWaitForDayZero(biller: Page, mrn: string, name: string) {
  await createDraftInvoice(biller, mrn);
  await biller.getByRole("group", { name: "Invoice actions" }).getByRole("button", { name: "Issue" }).click();
  await expect(biller.getByTestId("invoice-status")).toHaveText("Issued");
  await biller.goto("/billing/outbox");
  const rows = biller.getByRole("row").filter({ hasText: name });
  await expect(async () => {
    await biller.reload();
    await expect(rows.filter({ has: biller.getByRole("cell", { name: "SMS", exact: true }) })).toHaveCount(1);
    await expect(rows.filter({ has: biller.getByRole("cell", { name: "Email", exact: true }) })).toHaveCount(1);
  }).toPass({ timeout: 90_000 });
  return rows;
}

test.describe
  .serial("outreach with the local engine", () => {
    test.beforeAll(async ({ browser }) => {
      const admin = await asRole(browser, "admin", "/settings");
      await saveWindow(admin, { start: "00:00", end: "23:59", sunday: true, anyHour: true, perMinute: "600" });
      await expect(admin.getByRole("alert").filter({ hasText: "Testing only" })).toBeVisible();
    });
    // Each story waits on the engine several times: triple the test's time budget.
    test.beforeEach(() => test.slow());
    test.afterAll(async ({ browser }) => {
      const admin = await asRole(browser, "admin", "/settings");
      await saveWindow(admin, { start: "09:00", end: "20:00", sunday: false, anyHour: false, perMinute: "60" });
    });

    test("issue → day-0 text and email in the Outbox → a landline failure fails the set → fixing the phone makes it Active again", async ({
      browser,
    }) => {
      const biller = await asRole(browser, "biller", "/billing/invoices");
      await expect(biller.getByRole("alert").filter({ hasText: "Testing only" })).toBeVisible();
      const failedBefore = Number((await biller.getByTestId("metric-failed").innerText()).replace(/,/g, ""));

      const rows = await issueAndWaitForDayZero(biller, "MRN-100044", "William Moore");
      const sms = rows.filter({ has: biller.getByRole("cell", { name: "SMS", exact: true }) });
      await sms.getByRole("button", { name: "Simulate" }).click();
      await biller.getByRole("menuitem", { name: "Failed: landline (30006)" }).click();
      await expect(sms.getByText("Number is a landline (30006)")).toBeVisible();
      await expect(sms.getByText("Failed", { exact: true })).toBeVisible();

      await biller.goto("/billing/invoices");
      await expect(biller.getByTestId("metric-failed")).toHaveText(String(failedBefore + 1));

      await biller.goto("/patients?q=MRN-100044");
      await biller.getByRole("row").nth(1).getByRole("link").click();
      await biller.getByLabel("Phone").fill("(202) 555-0198");
      await biller.getByRole("button", { name: "Save patient" }).click();
      await expect(biller.getByText("Patient saved.")).toBeVisible();

      await biller.goto("/billing/invoices");
      await search(biller, "MRN-100044");
      await expect(async () => {
        await biller.reload();
        const row = setRows(biller).first();
        await expect(row.locator("td[data-column=status]")).toContainText("Active");
        await expect(row.locator("td[data-column=nextSend]")).toHaveText(/\d/);
      }).toPass({ timeout: 90_000 });
    });

    test("a patient replies STOP: no further text is sent, email continues", async ({ browser }) => {
      // The story's own rule set: a copy of Standard whose first two rules go by text and email.
      const admin = await asRole(browser, "admin", "/billing/rule-sets");
      await admin.getByRole("button", { name: "Duplicate Standard (30 days)" }).click();
      await admin.getByRole("link", { name: "Edit Standard (30 days) (Copy)" }).click();
      await admin.getByLabel("Title", { exact: true }).fill("Text and email (STOP story)");
      await admin.getByRole("group", { name: "Rule 2" }).getByRole("checkbox", { name: "Email" }).check();
      await admin.getByRole("button", { name: "Save Rule Set" }).click();
      await expect(admin).toHaveURL(/\/billing\/rule-sets$/);

      // The story's own patient and invoice, moved onto that rule set: its first rule goes out again.
      const biller = await asRole(browser, "biller", "/patients/new");
      await biller.getByLabel("First name").fill("Stella");
      await biller.getByLabel("Last name").fill("Stopford");
      await biller.getByLabel("Date of birth").fill("1984-06-09");
      await biller.getByLabel("Phone").fill("(202) 555-0177");
      await biller.getByLabel("Email").fill("stella.stopford@example.com");
      await biller.getByLabel("MRN").fill("E2E-STOP-1");
      await biller.getByRole("button", { name: "Save patient" }).click();
      await expect(biller.getByRole("heading", { name: "Stella Stopford" })).toBeVisible();
      const rows = await issueAndWaitForDayZero(biller, "E2E-STOP-1", "Stella Stopford");
      const texts = rows.filter({ has: biller.getByRole("cell", { name: "SMS", exact: true }) });
      const emails = rows.filter({ has: biller.getByRole("cell", { name: "Email", exact: true }) });

      await biller.goto("/billing/invoices");
      await search(biller, "E2E-STOP-1");
      const setRow = setRows(biller).first();
      await (await openRowMenu(biller, setRow)).getByRole("menuitem", { name: "Change Rule Set" }).click();
      const dialog = biller.getByRole("dialog", { name: "Change Rule Set" });
      await dialog.getByLabel("New rule set").selectOption({ label: "Text and email (STOP story)" });
      await dialog.getByRole("button", { name: "Save rule set" }).click();
      await expect(biller.getByText(/Rule set changed to “Text and email \(STOP story\)”/)).toBeVisible();
      await biller.goto("/billing/outbox");
      await expect(async () => {
        await biller.reload();
        await expect(texts).toHaveCount(2);
        await expect(emails).toHaveCount(2);
      }).toPass({ timeout: 90_000 });

      await texts.first().getByRole("button", { name: "Simulate" }).click();
      await biller.getByRole("menuitem", { name: "Patient replied STOP" }).click();
      await expect(biller.getByText("Simulated “Patient replied STOP”.")).toBeVisible();

      // The next rule goes by text and email: only the email goes.
      await biller.goto("/billing/invoices");
      await search(biller, "E2E-STOP-1");
      await expect(setRow.locator("td[data-column=status]")).toContainText("Active");
      await (await openRowMenu(biller, setRow)).getByRole("menuitem", { name: "Send now" }).click();
      await expect(biller.getByText("Sent now: Email went out (“Friendly reminder”).")).toBeVisible();
      await biller.goto("/billing/outbox");
      await expect(emails).toHaveCount(3);
      await expect(texts).toHaveCount(2);
    });
  });
