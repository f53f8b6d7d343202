import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { apiKeys, auditLog, invoiceSets, invoices, patients, payments } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { callApi } from "../support/api-client";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let other: TestClinic;
const tokens = { readWrite: "", readOnly: "", revoked: "", otherClinic: "" };
const ids = { patient: "", mrn: "", draft: "", issued: "", set: "" };

async function makeKey(target: TestClinic, name: string, scope: "read_only" | "read_write") {
  const actor: Actor = { kind: "user", userId: target.users.admin.id };
  return database.db.transaction((tx) =>
    createApiKey(tx, { clinicId: target.clinicId, actor, input: { name, scope } }),
  );
}

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  other = await createTestClinic(database.db, "Other Clinic");
  tokens.readWrite = (await makeKey(clinic, "Open Dental sync", "read_write")).token;
  tokens.readOnly = (await makeKey(clinic, "Reports", "read_only")).token;
  const revoked = await makeKey(clinic, "Old key", "read_write");
  await database.db.transaction((tx) =>
    revokeApiKey(tx, {
      clinicId: clinic.clinicId,
      actor: { kind: "user", userId: clinic.users.admin.id },
      apiKeyId: revoked.id,
    }),
  );
  tokens.revoked = revoked.token;
  tokens.otherClinic = (await makeKey(other, "Other clinic's system", "read_write")).token;

  const patient = await createTestPatient(database.db, clinic.clinicId);
  ids.patient = patient.id;
  ids.mrn = patient.externalId;
  const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id });
  ids.set = set.id;
  ids.draft = (
    await createTestInvoice(database.db, clinic, { patientId: patient.id, status: "draft", issuedAt: null })
  ).id;
  ids.issued = (await createTestInvoice(database.db, clinic, { patientId: patient.id, invoiceSetId: set.id })).id;
});

/** `foreign`: what another clinic's key gets — 404 for this clinic's ids, or its own (empty) list / new row. */
type Call = {
  method: "GET" | "POST" | "PATCH";
  path: () => string;
  body?: unknown;
  write: boolean;
  foreign: 404 | "own";
};

const patientBody = { firstName: "Api", lastName: "Made", dateOfBirth: "1990-01-02", phone: "", email: "" };
const ENDPOINTS: Call[] = [
  { method: "GET", path: () => `/patients?q=${ids.mrn}`, write: false, foreign: "own" },
  { method: "GET", path: () => `/patients?mrn=${ids.mrn}`, write: false, foreign: "own" },
  { method: "POST", path: () => "/patients", body: patientBody, write: true, foreign: "own" },
  { method: "GET", path: () => `/patients/${ids.patient}`, write: false, foreign: 404 },
  {
    method: "PATCH",
    path: () => `/patients/${ids.patient}`,
    body: { email: "leak@example.com" },
    write: true,
    foreign: 404,
  },
  { method: "GET", path: () => "/invoices", write: false, foreign: "own" },
  { method: "GET", path: () => `/invoices?patientId=${ids.patient}`, write: false, foreign: "own" },
  {
    method: "POST",
    path: () => "/invoices",
    body: () => ({
      patientId: ids.patient,
      charges: [{ code: "D1110", description: "Cleaning", quantity: 1, unitPriceCents: 9000 }],
    }),
    write: true,
    foreign: 404,
  },
  { method: "GET", path: () => `/invoices/${ids.issued}`, write: false, foreign: 404 },
  { method: "POST", path: () => `/invoices/${ids.draft}/issue`, write: true, foreign: 404 },
  {
    method: "POST",
    path: () => `/invoices/${ids.issued}/void`,
    body: { reason: "Leak test" },
    write: true,
    foreign: 404,
  },
  {
    method: "POST",
    path: () => `/invoices/${ids.issued}/payments`,
    body: { amountCents: 100, method: "cash" },
    write: true,
    foreign: 404,
  },
  { method: "GET", path: () => "/invoice-sets", write: false, foreign: "own" },
  { method: "GET", path: () => `/invoice-sets/${ids.set}`, write: false, foreign: 404 },
  ...["pause", "resume", "cancel", "write-off", "send-to-collections", "change-rule-set"].map(
    (action): Call => ({
      method: "POST",
      path: () => `/invoice-sets/${ids.set}/${action}`,
      body: () => (action === "change-rule-set" ? { ruleSetId: clinic.ruleSetId } : {}),
      write: true,
      foreign: 404,
    }),
  ),
  { method: "GET", path: () => `/fhir/Patient/${ids.patient}`, write: false, foreign: 404 },
  { method: "GET", path: () => `/fhir/Invoice/${ids.issued}`, write: false, foreign: 404 },
];

const bodyOf = (call: Call) => (typeof call.body === "function" ? (call.body as () => unknown)() : call.body);

async function snapshot() {
  const [patient] = await database.db.select().from(patients).where(eq(patients.id, ids.patient));
  const invoiceRows = await database.db.select().from(invoices).where(eq(invoices.clinicId, clinic.clinicId));
  const [set] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, ids.set));
  const paid = await database.db.select().from(payments).where(eq(payments.clinicId, clinic.clinicId));
  const people = await database.db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.clinicId, clinic.clinicId));
  return JSON.stringify({ patient, invoiceRows, set, paid: paid.length, people: people.length });
}

describe("API authorization matrix: every endpoint × (no key, revoked key, read-only key, other clinic's key)", () => {
  test.each(
    ENDPOINTS.map((call) => [`${call.method} ${call.path().replace(/[0-9a-f-]{36}|MRN-\w+/g, "{id}")}`, call] as const),
  )("%s", async (_name, call) => {
    const before = await snapshot();
    const send = (token: string | null) => callApi(call.method, call.path(), { token, body: bodyOf(call) });

    const none = await send(null);
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: { code: "unauthenticated" } });
    expect((await send("cbk_not-a-real-key")).status).toBe(401);
    const revoked = await send(tokens.revoked);
    expect(revoked.status).toBe(401);

    const readOnly = await send(tokens.readOnly);
    if (call.write) {
      expect(readOnly.status).toBe(403);
      expect(readOnly.json).toMatchObject({ error: { code: "forbidden" } });
    } else {
      expect(readOnly.status).toBe(200);
    }

    const foreign = await send(tokens.otherClinic);
    // Another clinic's key never sees or touches this clinic's rows: 404 on ids, empty lists, its own creates.
    for (const secret of [ids.patient, ids.mrn, ids.draft, ids.issued, ids.set])
      expect(foreign.text).not.toContain(secret);
    if (call.foreign === 404) {
      expect(foreign.status).toBe(404);
      expect(foreign.json).toMatchObject({ error: { code: "not_found" } });
    } else {
      expect([200, 201]).toContain(foreign.status);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("API with a read-write key", () => {
  const rw = () => tokens.readWrite;

  test("create, read, patch a patient; bad bodies are 400 with field paths; an MRN in use is 409 naming its holder", async () => {
    const created = await callApi("POST", "/patients", {
      token: rw(),
      body: { ...patientBody, phone: "(312) 555-0142", mrn: "API-1", preferredLanguage: "es" },
    });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    // No zone given: none stored, the patient uses the clinic's.
    expect(created.json).toMatchObject({ mrn: "API-1", phone: "+13125550142", timeZone: null });

    const patched = await callApi("PATCH", `/patients/${id}`, { token: rw(), body: { timeZone: "America/Denver" } });
    expect(patched.json).toMatchObject({ firstName: "Api", timeZone: "America/Denver", phone: "+13125550142" });

    const bad = await callApi("POST", "/patients", {
      token: rw(),
      body: { firstName: "", lastName: "X", dateOfBirth: "not-a-date", phone: "123" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      error: {
        code: "invalid_request",
        fields: {
          firstName: ["Enter a first name."],
          dateOfBirth: ["Date of birth is not a date."],
          phone: [expect.stringMatching(/^Enter a valid phone number/)],
        },
      },
    });
    const taken = await callApi("POST", "/patients", { token: rw(), body: { ...patientBody, mrn: "API-1" } });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({
      error: { code: "conflict", message: "MRN API-1 is already used by Api Made." },
    });

    const byMrn = await callApi("GET", "/patients?mrn=API-1", { token: rw() });
    expect((byMrn.json as { data: { id: string }[] }).data.map((p) => p.id)).toEqual([id]);

    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "patient.create")));
    const [key] = await database.db.select().from(apiKeys).where(eq(apiKeys.name, "Open Dental sync"));
    expect(audit).toMatchObject({ actorKind: "api_key", apiKeyId: key?.id, userId: null });
    expect(key?.lastUsedAt).not.toBeNull();
  });

  test("every read of patient or invoice data is in the audit log with the key as actor", async () => {
    const [key] = await database.db.select().from(apiKeys).where(eq(apiKeys.name, "Reports"));
    const reads: [string, string][] = [
      [`/patients/${ids.patient}`, "patient.view"],
      [`/patients?q=${ids.mrn}`, "patient.list"],
      [`/fhir/Patient/${ids.patient}`, "patient.view"],
      ["/invoices", "invoice.list"],
      [`/invoices?patientId=${ids.patient}`, "invoice.list"],
      [`/invoices/${ids.issued}`, "invoice.view"],
      [`/fhir/Invoice/${ids.issued}`, "invoice.view"],
      ["/invoice-sets", "invoice_set.list"],
      [`/invoice-sets/${ids.set}`, "invoice_set.view"],
    ];
    for (const [path, action] of reads) {
      const before = await database.db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.apiKeyId, key?.id ?? ""), eq(auditLog.action, action)));
      expect((await callApi("GET", path, { token: tokens.readOnly })).status, path).toBe(200);
      const after = await database.db
        .select({ id: auditLog.id, actorKind: auditLog.actorKind })
        .from(auditLog)
        .where(and(eq(auditLog.apiKeyId, key?.id ?? ""), eq(auditLog.action, action)));
      expect(after.length, path).toBe(before.length + 1);
    }
  });

  test("draft → issue opens a set; payment with an Idempotency-Key replayed records one payment; void then refused 409", async () => {
    const patient = await createTestPatient(database.db, clinic.clinicId);
    const draft = await callApi("POST", "/invoices", {
      token: rw(),
      body: {
        patientId: patient.id,
        charges: [{ code: "D2391", description: "Filling", quantity: 2, unitPriceCents: 7500 }],
      },
    });
    expect(draft.status).toBe(201);
    const invoiceId = (draft.json as { id: string }).id;
    expect(draft.json).toMatchObject({ status: "draft", totalCents: 15000, charges: [{ amountCents: 15000 }] });

    const issued = await callApi("POST", `/invoices/${invoiceId}/issue`, { token: rw() });
    expect(issued.json).toMatchObject({ status: "issued", invoiceSetId: expect.any(String) });
    const again = await callApi("POST", `/invoices/${invoiceId}/issue`, { token: rw() });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: "invalid_transition" } });

    const pay = () =>
      callApi("POST", `/invoices/${invoiceId}/payments`, {
        token: rw(),
        body: { amountCents: 5000, method: "check", reference: "CHK-9" },
        headers: { "Idempotency-Key": "pay-once-1" },
      });
    const first = await pay();
    const replay = await pay();
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const rows = await database.db.select().from(payments).where(eq(payments.invoiceId, invoiceId));
    expect(rows).toHaveLength(1);
    const [row] = await database.db.select().from(invoices).where(eq(invoices.id, invoiceId));
    expect(row).toMatchObject({ status: "partially_paid", paidCents: 5000 });

    const reused = await callApi("POST", `/invoices/${invoiceId}/payments`, {
      token: rw(),
      body: { amountCents: 100, method: "cash" },
      headers: { "Idempotency-Key": "pay-once-1" },
    });
    expect(reused.status).toBe(409);
    expect(await database.db.select().from(payments).where(eq(payments.invoiceId, invoiceId))).toHaveLength(1);

    const refused = await callApi("POST", `/invoices/${invoiceId}/void`, {
      token: rw(),
      body: { reason: "Wrong patient" },
    });
    expect(refused.status).toBe(409);
    expect((refused.json as { error: { message: string } }).error.message).toMatch(/Refund or reverse/);
  });

  test("invoice-set actions go through the state machine: pause then a second pause is 409 with its reason", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const paused = await callApi("POST", `/invoice-sets/${set.id}/pause`, { token: rw() });
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({ invoiceSet: { status: "paused" } });
    const twice = await callApi("POST", `/invoice-sets/${set.id}/pause`, { token: rw() });
    expect(twice.status).toBe(409);
    const detail = await callApi("GET", `/invoice-sets/${set.id}`, { token: rw() });
    expect(detail.json).toMatchObject({ status: "paused", timeline: [{ actor: "API", kind: "status_change" }] });
    const listed = await callApi("GET", "/invoice-sets?status=paused&size=100", { token: rw() });
    expect((listed.json as { data: { id: string }[] }).data.map((s) => s.id)).toContain(set.id);
    const badQuery = await callApi("GET", "/invoice-sets?status=nope", { token: rw() });
    expect(badQuery.status).toBe(400);
  });

  test("over the per-key rate limit: 429 with Retry-After", async () => {
    const { id, token } = await makeKey(clinic, "Tight limit", "read_only");
    await database.db.update(apiKeys).set({ rateLimitPerMinute: 2 }).where(eq(apiKeys.id, id));
    expect((await callApi("GET", "/invoices", { token })).status).toBe(200);
    expect((await callApi("GET", "/invoices", { token })).status).toBe(200);
    const limited = await callApi("GET", "/invoices", { token });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
