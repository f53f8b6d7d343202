import { expect, test } from "@playwright/test";
import { E2E_PATIENT_LINKS } from "@/db/seed/e2e-patient-links";
import { signInAs } from "../support/staff";

const NO_ROW = "00000000-0000-4000-8000-000000000000";
const overInt4Cursor = Buffer.from(JSON.stringify(["a", "amount", 99999999999, NO_ROW])).toString("base64url");
const badTimeCursor = Buffer.from(JSON.stringify(["a", "created", "0000-13-45 99:99:99+00", NO_ROW])).toString(
  "base64url",
);

/** Values that broke pages before, and their cousins. */
const BAD_VALUES = [
  "99999999999",
  "-1",
  "1e309",
  "NaN",
  "0000-01-01",
  "9999-99-99",
  "2026-02-30",
  "\u0000",
  "a\u0000b",
  "%",
  "' OR 1=1 --",
  "x".repeat(3000),
  overInt4Cursor,
  badTimeCursor,
  `2026-13-45T99:99:99Z_${NO_ROW}`,
  "[]",
];

const QUERY_PARAMS = [
  "q",
  "status",
  "amountMin",
  "amountMax",
  "createdFrom",
  "createdTo",
  "sendFrom",
  "sendTo",
  "ruleSet",
  "sort",
  "dir",
  "cursor",
  "size",
  "before",
  "after",
  "person",
  "patient",
  "action",
  "from",
  "to",
  "session_id",
  "cancelled",
  "callbackUrl",
];

const BAD_IDS = ["not-a-uuid", NO_ROW, "%00", "x".repeat(500), "..%2F..%2Fetc%2Fpasswd", "1"];

test("every page and route answers malformed parameters and bodies without a 5xx", async ({ page }) => {
  test.setTimeout(600_000);
  await signInAs(page, "admin");
  const request = page.request;
  const pages = [
    "/",
    "/billing/invoices",
    "/billing/overview",
    "/billing/outbox",
    "/billing/rule-sets",
    "/billing/rule-sets/new",
    "/invoices",
    "/invoices/new",
    "/patients",
    "/patients/new",
    "/imports",
    "/account",
    "/settings",
    "/settings/staff",
    "/settings/api-keys",
    "/settings/audit",
    "/choose-clinic",
    "/setup",
    "/reset",
    "/login",
    `/p/${E2E_PATIENT_LINKS.statement.token}`,
    // Exports stream whatever the filter matches: a filter that doesn't parse must be refused, never widened.
    "/billing/invoices/export",
    "/invoices/export",
    "/patients/export",
    "/settings/audit/export",
    "/api/v1/patients",
    "/api/v1/invoices",
    "/api/v1/invoice-sets",
  ];
  const detailPages = [
    "/billing/rule-sets/",
    "/invoices/",
    "/patients/",
    "/imports/",
    "/invite/",
    "/reset/",
    "/p/",
    "/p/checkout/",
    "/api/v1/patients/",
    "/api/v1/invoices/",
    "/api/v1/invoice-sets/",
    "/api/v1/fhir/Patient/",
    "/api/v1/fhir/Invoice/",
  ];
  // Listed first, then sent a few at a time: a server answers concurrent requests, as in life.
  const tried: { label: string; send: () => Promise<{ status(): number }> }[] = [];
  const check = (label: string, send: () => Promise<{ status(): number }>) => {
    tried.push({ label, send });
  };
  const withParam = (path: string, name: string, value: string) =>
    `${path}?${new URLSearchParams({ [name]: value }).toString()}`;

  // Each page with every malformed value in every parameter at once…
  for (const path of pages) {
    for (const value of BAD_VALUES) {
      const query = new URLSearchParams(QUERY_PARAMS.map((name) => [name, value])).toString();
      check(`GET ${path}?<all>=${JSON.stringify(value.slice(0, 20))}`, () => request.get(`${path}?${query}`));
    }
  }
  // …and the richest ones (Invoice Management, Outbox, Invoices, the audit viewer) one parameter at a time.
  for (const path of ["/billing/invoices", "/patients", "/settings/audit"]) {
    for (const name of QUERY_PARAMS) {
      for (const value of BAD_VALUES) {
        check(`GET ${withParam(path, name, value.slice(0, 20))}`, () => request.get(withParam(path, name, value)));
      }
    }
  }
  // Malformed ids in the path.
  for (const prefix of detailPages) {
    for (const id of BAD_IDS) {
      check(`GET ${prefix}${id.slice(0, 20)}`, () => request.get(`${prefix}${id}`));
      if (prefix === "/patients/") check(`GET ${prefix}${id}/payment`, () => request.get(`${prefix}${id}/payment`));
      if (prefix === "/imports/") check(`GET ${prefix}${id}/rejected`, () => request.get(`${prefix}${id}/rejected`));
      if (prefix.startsWith("/api/v1/"))
        check(`GET ${prefix}${id} with a malformed key`, () =>
          request.get(`${prefix}${id}`, { headers: { authorization: `Bearer ${id}` } }),
        );
    }
  }

  // Routes with malformed bodies, signed and unsigned.
  const bodies: { contentType: string; data: string }[] = [
    { contentType: "application/json", data: '{"MessageSid": "SM1", ' },
    { contentType: "application/json", data: "[]" },
    { contentType: "text/plain", data: "\u0000\u0001garbage" },
    { contentType: "application/x-www-form-urlencoded", data: "%%%=&&=%zz" },
    { contentType: "multipart/form-data; boundary=x", data: "--x\r\nbroken" },
    { contentType: "application/json", data: "" },
  ];
  const routes: { path: string; methods: ("POST" | "PUT" | "GET")[]; headers: Record<string, string>[] }[] = [
    {
      path: "/api/webhooks/twilio/status",
      methods: ["POST"],
      headers: [{}, { "x-twilio-signature": "bm90LWEtc2lnbmF0dXJl" }],
    },
    {
      path: "/api/webhooks/twilio/inbound",
      methods: ["POST"],
      headers: [{}, { "x-twilio-signature": "bm90LWEtc2lnbmF0dXJl" }],
    },
    {
      path: "/api/webhooks/resend",
      methods: ["POST"],
      headers: [{}, { "svix-id": "msg_1", "svix-timestamp": "not-a-time", "svix-signature": "v1,abc" }],
    },
    {
      path: "/api/webhooks/stripe",
      methods: ["POST"],
      headers: [{}, { "stripe-signature": "t=1,v1=deadbeef" }, { "stripe-signature": "garbage" }],
    },
    {
      path: "/api/inngest",
      methods: ["POST", "PUT", "GET"],
      headers: [{}, { "x-inngest-signature": "t=1&s=deadbeef" }],
    },
    { path: "/api/auth/callback/credentials", methods: ["POST"], headers: [{}] },
    { path: "/imports/upload", methods: ["POST"], headers: [{}] },
    {
      path: "/api/v1/patients",
      methods: ["POST"],
      headers: [{}, { authorization: "Bearer ck_not-a-key" }, { authorization: "Basic !!!" }],
    },
    { path: "/api/v1/invoices", methods: ["POST"], headers: [{}, { authorization: "Bearer ck_not-a-key" }] },
    { path: "/settings/audit/export", methods: ["GET"], headers: [{}] },
  ];
  for (const route of routes) {
    for (const method of route.methods) {
      for (const headers of route.headers) {
        // An empty PUT to /api/inngest is Inngest's own sync: with no Inngest server here it can't register.
        const sent = method === "PUT" ? bodies.filter((body) => body.data !== "") : bodies;
        for (const body of method === "GET" ? [{ contentType: "text/plain", data: "" }] : sent) {
          const query = method === "GET" ? "?fnId=%00&stepId=x&person=x&from=0000-01-01" : "?fnId=nope&stepId=%00";
          check(`${method} ${route.path} ${JSON.stringify(headers)} ${body.contentType}`, () =>
            request.fetch(`${route.path}${query}`, {
              method,
              headers: { ...headers, "content-type": body.contentType },
              data: method === "GET" ? undefined : body.data,
              maxRedirects: 0,
            }),
          );
        }
      }
    }
  }

  const failures: string[] = [];
  let next = 0;
  const sender = async () => {
    for (let item = tried[next++]; item; item = tried[next++]) {
      const status = (await item.send()).status();
      if (status >= 500) failures.push(`${status} ${item.label}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, sender));
  console.log(`malformed-input walk: ${tried.length} inputs tried, ${failures.length} answered with a 5xx`);
  expect(failures).toEqual([]);
  expect(tried.length).toBeGreaterThan(1500);
});
