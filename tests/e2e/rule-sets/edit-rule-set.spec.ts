import { expect, test } from "@playwright/test";
import { callServerAction, serverActionId } from "../support/server-actions";
import { signInAs } from "../support/staff";

test("an admin edits a rule set with a live preview; a bad variable is refused with a clear message", async ({
  page,
}) => {
  await signInAs(page, "admin", "/billing/rule-sets");
  await expect(page.getByRole("heading", { name: "Rule Sets" })).toBeVisible();
  await page.getByRole("link", { name: "Edit Gentle (60 days)" }).click();
  await expect(page.getByRole("heading", { name: "Edit Rule Set: Gentle (60 days)" })).toBeVisible();

  const rule1 = page.getByRole("group", { name: "Rule 1" });
  await rule1.getByLabel("Message").fill("Hi {{firstname}}, pay: {{pay_link}}");
  await page.getByRole("button", { name: "Save Rule Set" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Unknown variable {{firstname}}.");

  await rule1
    .getByLabel("Message")
    .fill("Hello {{first_name}}, {{clinic_name}} here. Balance {{balance}}: {{pay_link}}");
  await expect(page.getByRole("region", { name: "Preview of rule 1" })).toContainText(
    "Hello Christopher, Bright Smile Dental & Medical here. Balance $1,234.56:",
  );
  await rule1.getByLabel("Rule title").fill("Statement (edited)");
  await page.getByRole("button", { name: "Save Rule Set" }).click();

  await expect(page).toHaveURL(/\/billing\/rule-sets$/);
  const card = page.getByRole("region", { name: "Gentle (60 days)" });
  await expect(card.getByRole("cell", { name: "Statement (edited)" })).toBeVisible();
  await expect(
    card.getByText("Hello {{first_name}}, {{clinic_name}} here. Balance {{balance}}: {{pay_link}}"),
  ).toBeVisible();
});

test("a viewer reads rule sets but can't edit them, even by calling the action directly", async ({ page }) => {
  await signInAs(page, "viewer", "/billing/rule-sets");
  await expect(page.getByText("Only clinic admins can change rule sets.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Edit / })).toHaveCount(0);
  const id = serverActionId("duplicateRuleSetAction", "app/(staff)/billing/rule-sets/actions.ts");
  const result = await callServerAction(page, "/billing/rule-sets", id, [
    { id: "00000000-0000-4000-8000-000000000000" },
  ]);
  expect(result.body).toContain("Your role doesn't allow this");
});
