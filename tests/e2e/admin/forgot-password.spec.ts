import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { inviteAndSignUp, linkFromOutbox, NEW_STAFF_PASSWORD, signInWith, signOut } from "./support";

test("forgot password end to end: the link from the Outbox sets a new password once", async ({ page }) => {
  const email = `forgetful-${Date.now()}@example.com`;
  await inviteAndSignUp(page, email, "Viewer", "Fran Forgetful");

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // The sign-in form has an Email field too: wait for the reset form before typing.
  await expect(page.getByRole("heading", { name: "Forgot password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer = "If that email belongs to a staff account, we sent it a link to reset the password.";
  await expect(page.getByRole("status")).toContainText(answer);

  // An unknown address gets the very same answer.
  await page.goto("/reset");
  await page.getByLabel("Email").fill(`nobody-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(answer);

  await signInAs(page, "admin");
  const resetPath = await linkFromOutbox(page, email, "reset");
  await signOut(page);

  const newPassword = "quartz-bramble-window-19";
  await page.goto(resetPath);
  await page.getByLabel("New password").fill("short");
  await page.getByLabel("Confirm password").fill("short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("New password").fill(newPassword);
  await page.getByLabel("Confirm password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed.");

  await page.goto(resetPath);
  await expect(page.getByRole("heading", { name: "Reset link not available" })).toBeVisible();

  await signInWith(page, email, NEW_STAFF_PASSWORD);
  await expect(page.getByText("That email and password don't match. Try again.")).toBeVisible();
  await signInWith(page, email, newPassword);
  await expect(page).toHaveURL(/\/billing\/invoices/);
});
