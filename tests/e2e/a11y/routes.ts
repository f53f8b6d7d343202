import type { Page } from "@playwright/test";
import type { DemoRole } from "../support/staff";
import { firstHref } from "./support";

const UUID = "[0-9a-f-]{36}";

/** How a signed-in staff page is opened: a fixed path, or one found on a list page. */
type StaffPath = string | ((page: Page) => Promise<string>);

const fromList = (list: string, pattern: RegExp) => async (page: Page) => {
  await page.goto(list);
  return firstHref(page, pattern);
};

const ALL_ROLES: readonly DemoRole[] = ["admin", "biller", "viewer"];

/**
 * Every staff page, opened by each role: pages a role may not use must refuse it accessibly
 * too (the 403 and 404 pages). `/imports/[id]` needs an import, which the spec makes first.
 */
export const STAFF_ROUTES: Record<string, { path: StaffPath; roles: readonly DemoRole[] }> = {
  "/billing/overview": { path: "/billing/overview", roles: ALL_ROLES },
  "/billing/invoices": { path: "/billing/invoices", roles: ALL_ROLES },
  "/billing/outbox": { path: "/billing/outbox", roles: ALL_ROLES },
  "/billing/rule-sets": { path: "/billing/rule-sets", roles: ALL_ROLES },
  "/billing/rule-sets/new": { path: "/billing/rule-sets/new", roles: ALL_ROLES },
  "/billing/rule-sets/[id]": {
    path: fromList("/billing/rule-sets", new RegExp(`^/billing/rule-sets/${UUID}$`)),
    roles: ALL_ROLES,
  },
  "/invoices": { path: "/invoices", roles: ALL_ROLES },
  "/invoices/new": { path: "/invoices/new", roles: ALL_ROLES },
  "/invoices/[id]": { path: fromList("/invoices", new RegExp(`^/invoices/${UUID}$`)), roles: ALL_ROLES },
  "/patients": { path: "/patients", roles: ALL_ROLES },
  "/patients/new": { path: "/patients/new", roles: ALL_ROLES },
  "/patients/[id]": { path: fromList("/patients", new RegExp(`^/patients/${UUID}$`)), roles: ALL_ROLES },
  "/patients/[id]/payment": {
    path: async (page) => `${await fromList("/patients", new RegExp(`^/patients/${UUID}$`))(page)}/payment`,
    roles: ["admin", "biller"],
  },
  "/imports": { path: "/imports", roles: ALL_ROLES },
  "/imports/[id]": { path: fromList("/imports", new RegExp(`^/imports/${UUID}$`)), roles: ["admin", "biller"] },
  "/settings": { path: "/settings", roles: ALL_ROLES },
  "/settings/staff": { path: "/settings/staff", roles: ALL_ROLES },
  "/settings/audit": { path: "/settings/audit", roles: ALL_ROLES },
  "/settings/api-keys": { path: "/settings/api-keys", roles: ALL_ROLES },
  "/account": { path: "/account", roles: ALL_ROLES },
};

/**
 * The other pages, and the test of axe.spec.ts (or the first-run project) that opens each in
 * the states people meet (a form, its errors, a dead link).
 */
export const OTHER_ROUTES: Record<string, string> = {
  "/": "a redirect to /billing/invoices, no page of its own",
  "/login": "sign-in and account pages",
  "/login/two-factor": "sign-in and account pages",
  "/login/enrol-two-factor": "sign-in and account pages",
  "/choose-clinic": "sign-in and account pages",
  "/invite/[token]": "sign-in and account pages",
  "/reset": "sign-in and account pages",
  "/reset/[token]": "sign-in and account pages",
  "/setup": "tests/e2e/first-run/setup.spec.ts (needs a database without a clinic)",
  "/p/[token]": "patient pages",
  "/p/checkout/[linkId]": "patient pages (cancelled, confirming); paid in tests/e2e/patient/pay-online.spec.ts",
};
