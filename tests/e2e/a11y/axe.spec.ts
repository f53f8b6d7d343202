import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { E2E_PATIENT_LINKS } from "@/db/seed/e2e-patient-links";
import { linkFromOutbox, NEW_STAFF_PASSWORD, signInWith, signOut } from "../admin/support";
import { startFakeStripe } from "../patient/support/fake-stripe";
import { enterDateOfBirth, useClientIp } from "../patient/support/patient-page";
import { E2E_STRIPE_WEBHOOK_SECRET, e2eFakeStripePort } from "../patient/support/stripe-env";
import { DEMO_CLINIC_NAME, DEMO_PASSWORD, type DemoRole, signInAs } from "../support/staff";
import { OTHER_ROUTES, STAFF_ROUTES } from "./routes";
import { expectAccessible, expectNoSidewaysScroll } from "./support";

/** Every `page.tsx` under app/, as its route ("/patients/[id]"; route groups dropped). */
function appRoutes(dir = path.join(process.cwd(), "app"), prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === "page.tsx" ? [prefix || "/"] : [];
    if (!entry.isDirectory() || entry.name === "api") return [];
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    return appRoutes(path.join(dir, entry.name), `${prefix}${segment}`);
  });
}

test("the axe route table lists every page of the app", () => {
  const listed = [...Object.keys(STAFF_ROUTES), ...Object.keys(OTHER_ROUTES)].sort();
  expect(listed).toEqual(appRoutes().sort());
});

/** A small file for the Import preview page; previewing writes no patients. */
const IMPORT_FILE = [
  "MRN,First Name,Last Name,DOB,Service Date,Description,Amount",
  "E2E-A11Y-1,Ada,Axe,1980-01-02,2026-10-05,Exam,65.00",
].join("\n");

async function ensureImport(page: Page) {
  await page.goto("/imports");
  if ((await page.locator('a[href^="/imports/"]').count()) > 0) return;
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "a11y-check.csv", mimeType: "text/csv", buffer: Buffer.from(IMPORT_FILE) });
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("heading", { name: "Import: a11y-check.csv" })).toBeVisible();
}

test.describe("axe: no serious or critical WCAG 2 A/AA violations", () => {
  /** Detail pages by route, as the first role to open them found them (admin runs first). */
  const found = new Map<string, string>();
  // A biller sees the admin's pages less the admin's controls, and is refused what the viewer is
  // refused: the admin and viewer walks between them cover every state a biller meets.
  for (const role of ["admin", "viewer"] as const satisfies readonly DemoRole[]) {
    test(`every staff page, as ${role}`, async ({ page }) => {
      // About twenty pages, each analysed in full on a shared two-core machine.
      test.setTimeout(300_000);
      await signInAs(page, role);
      if (role !== "viewer") await ensureImport(page);
      for (const [route, { path: where, roles }] of Object.entries(STAFF_ROUTES)) {
        if (!roles.includes(role)) continue;
        // Billers and viewers see no links to some detail pages: they open the ones the admin found.
        const target = typeof where === "string" ? where : (found.get(route) ?? (await where(page)));
        found.set(route, target);
        await page.goto(target);
        await expect(page.locator("main")).toBeVisible();
        await expectAccessible(page, `${route} as ${role}`);
      }
    });
  }

  test("overlays: the row menu, keyboard shortcuts, the patient picker and Invite staff", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/billing/invoices?status=active");
    await page.getByRole("button", { name: "Actions" }).first().click();
    await expect(page.getByRole("menu")).toBeVisible();
    await expectAccessible(page, "row menu");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectAccessible(page, "shortcuts dialog");

    await page.goto("/invoices/new");
    await page.getByRole("combobox", { name: "Patient" }).fill("MRN-10001");
    await expect(page.getByRole("listbox")).toBeVisible();
    await expectAccessible(page, "patient picker open");

    await page.goto("/settings/staff");
    await page.getByRole("button", { name: "Invite staff" }).click();
    await expect(page.getByRole("dialog", { name: "Invite staff" })).toBeVisible();
    await expectAccessible(page, "Invite staff dialog");
  });

  test("sign-in and account pages, in the states people meet", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const dead = "A".repeat(43);
    await page.goto("/login");
    await expectAccessible(page, "/login");
    await page.getByLabel("Email").fill("biller@demo.clinic");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expectAccessible(page, "/login with an error");
    for (const [route, where] of [
      ["/reset", "/reset"],
      ["/reset/[token] (dead link)", `/reset/${dead}`],
      ["/invite/[token] (dead link)", `/invite/${dead}`],
    ] as const) {
      await page.goto(where);
      await expectAccessible(page, route);
    }

    // An invitation, opened by the invitee (another browser, as in life).
    const email = `a11y-${Date.now()}@example.com`;
    await page.goto("/login");
    await page.getByLabel("Email").fill("admin@demo.clinic");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Choose a clinic" })).toBeVisible();
    await expectAccessible(page, "/choose-clinic");
    await page.getByRole("button", { name: DEMO_CLINIC_NAME }).click();
    // The choice lands with the redirect: going on before it would drop the clinic cookie.
    await expect(page.getByRole("heading", { name: "Invoice Management" })).toBeVisible();
    await page.goto("/settings/staff");
    await page.getByRole("button", { name: "Invite staff" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite staff" });
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Role").selectOption({ label: "Viewer" });
    await dialog.getByRole("button", { name: "Send invite" }).click();
    await expect(dialog).toBeHidden();
    const invitePath = await linkFromOutbox(page, email, "invite");

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(invitePath);
    await expect(invitee.getByRole("heading", { name: `Join ${DEMO_CLINIC_NAME}` })).toBeVisible();
    await expectAccessible(invitee, "/invite/[token]");
    await invitee.getByLabel("Your name").fill("Alex Axe");
    await invitee.getByLabel("Password", { exact: true }).fill(NEW_STAFF_PASSWORD);
    await invitee.getByLabel("Confirm password").fill(NEW_STAFF_PASSWORD);
    await invitee.getByRole("button", { name: "Create account" }).click();
    await expect(invitee.getByRole("status")).toContainText("Your account is ready");

    // A reset link, asked for by the invitee and read from the admin's Outbox.
    await invitee.goto("/reset");
    await invitee.getByLabel("Email").fill(email);
    await invitee.getByRole("button", { name: "Send reset link" }).click();
    await expect(invitee.getByRole("status")).toBeVisible();
    await expectAccessible(invitee, "/reset after asking");
    const resetPath = await linkFromOutbox(page, email, "reset");
    await invitee.goto(resetPath);
    await expect(invitee.getByLabel("New password")).toBeVisible();
    await expectAccessible(invitee, "/reset/[token]");

    // Two-factor: set up on Account, then asked for at sign-in.
    await signInWith(invitee, email, NEW_STAFF_PASSWORD);
    await expect(invitee).toHaveURL(/\/billing\/invoices/);
    await invitee.goto("/account");
    await invitee.getByRole("button", { name: "Turn on two-factor" }).click();
    await expect(invitee.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    await expectAccessible(invitee, "/account, setting up two-factor");
    const secret = (await invitee.getByText(/^[A-Z2-7]{32}$/).textContent()) ?? "";
    const app = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    await invitee.getByLabel("Code").fill(app.generate());
    await invitee.getByRole("button", { name: "Verify and turn on" }).click();
    await expect(invitee.getByRole("list", { name: "Recovery codes" })).toBeVisible();
    await expectAccessible(invitee, "/account, recovery codes");
    await invitee.getByRole("button", { name: "Done" }).click();
    await signOut(invitee);
    await signInWith(invitee, email, NEW_STAFF_PASSWORD);
    await expect(invitee).toHaveURL(/\/login\/two-factor/);
    await expectAccessible(invitee, "/login/two-factor");
    await invitee.getByLabel("Code").fill("000000");
    await invitee.getByRole("button", { name: "Verify" }).click();
    await expect(invitee.getByText("That code isn't right.", { exact: false })).toBeVisible();
    await expectAccessible(invitee, "/login/two-factor with an error");
  });

  test("patient pages: accessible, and no sideways scroll at 320 px or at 200% zoom", async ({ page }) => {
    test.setTimeout(120_000);
    const appPort = Number(process.env.E2E_PORT ?? 3100);
    await useClientIp(page, "203.0.113.91");
    const fakeStripe = await startFakeStripe({
      port: e2eFakeStripePort(appPort),
      webhookUrl: `http://127.0.0.1:${appPort}/api/webhooks/stripe`,
      webhookSecret: E2E_STRIPE_WEBHOOK_SECRET,
    });
    try {
      const { a11y: statement, expired } = E2E_PATIENT_LINKS;
      /** At 320 px, then at 200% zoom: a 1280-px window zoomed twice is a 640-px layout at twice the density. */
      const check = async (label: string) => {
        for (const width of [320, 640]) {
          await page.setViewportSize({ width, height: 640 });
          await expectAccessible(page, `${label} at ${width} px`);
          await expectNoSidewaysScroll(page, `${label} at ${width} px`);
        }
      };

      await page.goto(`/p/${statement.token}`);
      await check("identity check");
      await enterDateOfBirth(page, "1950-01-01");
      await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
      await check("identity check with an error");
      await enterDateOfBirth(page, statement.dateOfBirth);
      await expect(page.getByRole("heading", { name: "Balance due" })).toBeVisible();
      await check("statement");

      // Stripe's return pages, without paying: the patient cancelled, or the payment is being confirmed.
      await page.getByLabel("Amount to pay").fill("1.00");
      await page.getByRole("button", { name: "Pay", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
      const [session] = [...fakeStripe.sessions.values()];
      if (!session) throw new Error("No checkout session");
      await page.goto(session.cancel_url);
      await expect(page.getByRole("heading", { name: "Payment cancelled" })).toBeVisible();
      await check("checkout return, cancelled");
      await page.goto(session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id));
      await expect(page.getByRole("heading").first()).toBeVisible();
      await check("checkout return, confirming");

      await page.goto(`/p/${expired.token}`);
      await check("a link that no longer works");
    } finally {
      await fakeStripe.close();
    }
  });
});
