import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { inviteAndSignUp, NEW_STAFF_PASSWORD, signInWith, signOut } from "./support";

test("two-factor: turn it on from Account, then sign-in asks for a code (a recovery code works once)", async ({
  page,
}) => {
  const email = `careful-${Date.now()}@example.com`;
  await inviteAndSignUp(page, email, "Viewer", "Casey Careful");
  await signInWith(page, email, NEW_STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/billing\/invoices/);

  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByText(/^[A-Z2-7]{32}$/).textContent()) ?? "";
  const app = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  await page.getByLabel("Code").fill(app.generate());
  await page.getByRole("button", { name: "Verify and turn on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Two-factor is on." })).toBeVisible();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent()) ?? "";
  await page.getByRole("button", { name: "Done" }).click();
  await signOut(page);

  await signInWith(page, email, NEW_STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code isn't right.", { exact: false })).toBeVisible();
  // Held at the second step: clinic pages send it back here.
  await page.goto("/billing/invoices");
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await page.getByLabel("Code").fill(recovery);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/billing\/invoices/);
  await expect(page.getByRole("heading", { name: "Invoice Management" })).toBeVisible();
});
