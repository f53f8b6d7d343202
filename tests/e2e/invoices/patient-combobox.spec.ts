import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";

test("the Patient combobox picks a patient with the arrow keys and closes on Escape", async ({ page }) => {
  await signInAs(page, "biller", "/invoices/new");
  const combobox = page.getByRole("combobox", { name: "Patient" });
  await combobox.fill("MRN-10001");
  const listbox = page.getByRole("listbox", { name: "Matching patients" });
  const options = listbox.getByRole("option");
  await expect(options.first()).toBeVisible();
  // Each option shows name, MRN, date of birth and phone.
  await expect(options.first()).toContainText(
    /MRN-10001\d · born \d{4}-\d{2}-\d{2} · (\(\d{3}\) \d{3}-\d{4}|No phone|\+?\d+)/,
  );
  await expect(combobox).toHaveAttribute("aria-expanded", "true");

  await page.keyboard.press("Escape");
  await expect(listbox).toBeHidden();
  await expect(combobox).toHaveAttribute("aria-expanded", "false");

  await page.keyboard.press("ArrowDown");
  await expect(listbox).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  // The option the arrows landed on is the one Enter picks.
  const activeId = await combobox.getAttribute("aria-activedescendant");
  expect(activeId).toBeTruthy();
  const active = page.locator(`[id="${activeId}"]`);
  await expect(active).toHaveRole("option");
  const activeText = (await active.innerText()).trim();
  const mrn = activeText.match(/MRN-\d+/)?.[0] ?? "";
  expect(mrn).not.toBe("");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("picked-patient")).toContainText(mrn);
  await expect(page.getByTestId("picked-patient")).toContainText(activeText.split(" · ")[0] ?? "");
});
