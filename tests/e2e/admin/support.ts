import { expect, type Page } from "@playwright/test";
import { signInAs } from "../support/staff";

export const NEW_STAFF_PASSWORD = "lantern-orchard-copper-71";

/** The newest link of this kind sent to this address, read from the Outbox's "Staff emails" as an admin sees it. */
export async function linkFromOutbox(page: Page, to: string, kind: "invite" | "reset"): Promise<string> {
  await page.goto("/billing/outbox");
  const section = page.getByRole("region", { name: "Staff emails" });
  const row = section.getByRole("row").filter({ hasText: to }).first();
  await expect(row).toBeVisible();
  const text = (await row.textContent()) ?? "";
  const match = text.match(new RegExp(`https?://[^\\s]+/${kind}/[A-Za-z0-9_-]{43}`));
  if (!match) throw new Error(`No ${kind} link for ${to} in: ${text}`);
  return new URL(match[0]).pathname;
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** An admin invites `email` as `role`; the invitee opens the Outbox link and creates an account. */
export async function inviteAndSignUp(page: Page, email: string, role: "Admin" | "Biller" | "Viewer", name: string) {
  await signInAs(page, "admin", "/settings/staff");
  await page.getByRole("button", { name: "Invite staff" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite staff" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption({ label: role });
  await dialog.getByRole("button", { name: "Send invite" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Invited");
  const invitePath = await linkFromOutbox(page, email, "invite");
  await signOut(page);

  await page.goto(invitePath);
  await expect(page.getByRole("heading", { name: "Join Bright Smile Dental & Medical" })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(NEW_STAFF_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_STAFF_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText("Your account is ready");
  return invitePath;
}

export async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
