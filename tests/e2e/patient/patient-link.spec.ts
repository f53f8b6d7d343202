import { expect, test } from "@playwright/test";
import { E2E_PATIENT_LINKS } from "@/db/seed/e2e-patient-links";
import { alertWith, enterDateOfBirth, expectIdentityCheck, phone, useClientIp } from "./support/patient-page";

test.use(phone);

const { statement, lockout, expired, revoked } = E2E_PATIENT_LINKS;
const CLINIC = "Bright Smile Dental & Medical";
/** In the raw HTML the flight data escapes "&", so match the part before it. */
const CLINIC_IN_HTML = "Bright Smile Dental";

/** Opens the statement link with the right date of birth and returns the patient's name as shown. */
async function patientNameOnStatement(page: import("@playwright/test").Page): Promise<string> {
  await page.goto(`/p/${statement.token}`);
  await enterDateOfBirth(page, statement.dateOfBirth);
  const line = await page.getByText(/^For .+ · as of /).innerText();
  return line.replace(/^For /, "").replace(/ · as of .*$/, "");
}

test.describe("patient link on a phone", () => {
  test("a wrong date of birth shows nothing but an error; the right one shows the statement", async ({ page }) => {
    await useClientIp(page, "203.0.113.11");
    const response = await page.goto(`/p/${statement.token}`);
    expect(response?.status()).toBe(200);
    await expectIdentityCheck(page);
    await expect(page.getByText("Balance due")).toHaveCount(0);

    await enterDateOfBirth(page, "2001-01-01");
    await expect(alertWith(page, "That date of birth doesn't match our records")).toBeVisible();
    await expect(alertWith(page, "4 tries left")).toBeVisible();
    await expectIdentityCheck(page);
    const afterWrongAnswer = await page.content();
    expect(afterWrongAnswer).not.toContain("Balance due");
    expect(afterWrongAnswer).not.toContain("Invoice #");

    await enterDateOfBirth(page, statement.dateOfBirth);
    await expect(page.getByRole("heading", { name: `Statement from ${CLINIC}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Balance due" })).toBeVisible();
    await expect(page.getByTestId("balance-due")).toHaveText(/^\$\d[\d,]*\.\d\d$/);
    await expect(page.getByRole("heading", { name: /^Invoice #\d+$/ }).first()).toBeVisible();
    await expect(page.getByText("Service date").first()).toBeVisible();
    await expect(page.getByText("Clinician").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Print statement" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Questions about this bill?" })).toBeVisible();
    await expect(page.getByRole("link", { name: "(202) 555-0100" }).first()).toHaveAttribute(
      "href",
      "tel:+12025550100",
    );

    // Nothing about the patient was in the page before the date of birth matched.
    const name = (await page.getByText(/^For .+ · as of /).innerText())
      .replace(/^For /, "")
      .replace(/ · as of .*$/, "");
    expect(name.length).toBeGreaterThan(2);
    expect(afterWrongAnswer).not.toContain(name);

    // The verification lasts: a reload still shows the statement.
    await page.reload();
    await expect(page.getByRole("heading", { name: `Statement from ${CLINIC}` })).toBeVisible();
  });

  test("five wrong dates of birth lock the link for 15 minutes", async ({ page }) => {
    await useClientIp(page, "203.0.113.12");
    await page.goto(`/p/${lockout.token}`);
    await expectIdentityCheck(page);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await enterDateOfBirth(page, `1950-01-0${attempt}`);
      await expect(alertWith(page, `${5 - attempt} ${5 - attempt === 1 ? "try" : "tries"} left`)).toBeVisible();
    }
    await enterDateOfBirth(page, "1950-01-05");
    await expect(alertWith(page, "Too many wrong answers")).toBeVisible();
    await expect(page.getByRole("button", { name: "View statement" })).toBeDisabled();

    // A fresh visit to the link says so at once and offers no way to answer (the server refuses
    // even the right answer while locked: tests/integration/patient-link-rules.test.ts).
    await page.goto(`/p/${lockout.token}`);
    await expect(alertWith(page, "Too many wrong answers")).toBeVisible();
    await expect(page.getByLabel("Year")).toBeDisabled();
    await expect(page.getByRole("button", { name: "View statement" })).toBeDisabled();
    await expect(page.getByText("Balance due")).toHaveCount(0);
  });

  test("an expired, revoked or guessed link is a 404 with no patient data", async ({ page, request }) => {
    await useClientIp(page, "203.0.113.13");
    const name = await patientNameOnStatement(page);

    for (const token of [expired.token, revoked.token]) {
      const response = await request.get(`/p/${token}`, { headers: { "x-forwarded-for": "203.0.113.13" } });
      expect(response.status()).toBe(404);
      const html = await response.text();
      expect(html).toContain("This link isn");
      // An unusable link gets the generic header: it does not even say which clinic sent it.
      for (const secret of [name, CLINIC_IN_HTML, "Balance due", "Invoice #", "Date of birth", statement.dateOfBirth])
        expect(html).not.toContain(secret);
    }

    const guessed = await request.get("/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(guessed.status()).toBe(404);
    const guessedHtml = await guessed.text();
    expect(guessedHtml).toContain("This link isn");
    expect(guessedHtml).toContain("Please contact the clinic that sent you this link.");
    for (const secret of [name, CLINIC_IN_HTML, "Balance due", "Invoice #"]) expect(guessedHtml).not.toContain(secret);

    // In the browser: the same generic page for a link the clinic sent and for anything else.
    const expiredPage = await page.goto(`/p/${expired.token}`);
    expect(expiredPage?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This link isn't available" })).toBeVisible();
    await expect(page.getByText("Please contact the clinic that sent you this link.")).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);

    const malformed = await page.goto("/p/not-a-token");
    expect(malformed?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This link isn't available" })).toBeVisible();
    await expect(page.getByText("Please contact the clinic that sent you this link.")).toBeVisible();
  });
});
