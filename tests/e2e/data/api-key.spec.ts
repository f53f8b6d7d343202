import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";

test.describe("API keys", () => {
  test("an admin creates a key, calls the API with it, and a revoked key is refused", async ({ page, request }) => {
    await signInAs(page, "admin", "/settings/api-keys");
    await page.getByLabel("Name").fill("E2E practice system");
    await page.getByLabel("Scope").selectOption({ label: "Read and write" });
    await page.getByRole("button", { name: "Create API key" }).click();
    const field = page.getByLabel("API key", { exact: true });
    await expect(field).toHaveValue(/^cbk_/);
    const key = await field.inputValue();

    const listed = await request.get("/api/v1/patients?mrn=MRN-100050", {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(listed.status()).toBe(200);
    const body = (await listed.json()) as { data: { mrn: string }[] };
    expect(body.data.map((patient) => patient.mrn)).toEqual(["MRN-100050"]);
    expect((await request.get("/api/v1/patients")).status()).toBe(401);

    await page.reload();
    const row = page.getByRole("row", { name: /E2E practice system/ });
    await expect(row).not.toContainText("Never");
    await row.getByRole("button", { name: "Revoke E2E practice system" }).click();
    await expect(row).toContainText("Revoked");
    const refused = await request.get("/api/v1/patients", { headers: { Authorization: `Bearer ${key}` } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  test("the OpenAPI document and the reference page are served without a key", async ({ page, request }) => {
    const document = await request.get("/api/v1/openapi.json");
    expect(document.status()).toBe(200);
    expect(await document.json()).toMatchObject({ openapi: "3.1.0", paths: { "/patients": {} } });
    await page.goto("/api/v1/docs");
    await expect(page.getByText("Clinic Billing API").first()).toBeVisible();
    await expect(page.getByText("Create a patient").first()).toBeVisible();
  });

  test("a biller cannot open API keys", async ({ page }) => {
    await signInAs(page, "biller", "/settings/api-keys");
    await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  });
});
