import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { inviteAndSignUp, NEW_STAFF_PASSWORD, signInWith } from "./support";

test("an admin invites a biller; the invitee signs up from the Outbox link and signs in", async ({ page }) => {
  const email = `new-biller-${Date.now()}@example.com`;
  const invitePath = await inviteAndSignUp(page, email, "Biller", "Nico Newbiller");

  // The link worked once: opened again it says so and offers nothing else.
  await page.goto(invitePath);
  await expect(page.getByRole("heading", { name: "Invitation not available" })).toBeVisible();
  await expect(page.getByText("This invitation has already been used.")).toBeVisible();
  await expect(page.getByRole("button")).toHaveCount(0);

  await signInWith(page, email, NEW_STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/billing\/invoices/);
  await expect(page.getByRole("heading", { name: "Invoice Management" })).toBeVisible();
  await expect(page.getByRole("button", { name: "User menu" })).toContainText("Biller");
});

test("the invite form refuses a bad email with a field message", async ({ page }) => {
  await signInAs(page, "admin", "/settings/staff");
  await page.getByRole("button", { name: "Invite staff" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite staff" });
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByRole("button", { name: "Send invite" }).click();
  // Said at the field (and repeated in the form's summary).
  await expect(dialog.getByLabel("Email")).toHaveAccessibleDescription(
    /Enter a valid email address, e\.g\. name@clinic\.com\./,
  );
});
