import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, messages, patientLinks, rules } from "@/db/schema";
import { sendMessage } from "@/lib/outreach/send-message";
import { PATIENT_LINK_PLACEHOLDER } from "@/lib/patient-links/link-placeholder";
import { resolvePatientLink } from "@/lib/patient-links/resolve-patient-link";
import { outboxTransport } from "@/lib/providers/transport";
import { twilioTransport } from "@/lib/providers/twilio";
import { type FakeProviders, startFakeProviders } from "../support/fake-providers";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let fake: FakeProviders;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

const twilio = () =>
  twilioTransport({
    accountSid: "AC0123456789abcdef0123456789abcdef",
    authToken: "secret-token",
    messagingServiceSid: "MG0123456789abcdef0123456789abcdef",
    statusCallbackUrl: "https://billing.example.com/api/webhooks/twilio/status",
    apiOrigin: fake.origin,
  });

let phoneCounter = 0;

async function sendFirstRule(transport: ReturnType<typeof twilio>) {
  // A number of its own: the timeout lookup asks Twilio for this number's recent texts.
  phoneCounter += 1;
  const patient = await createTestPatient(database.db, clinic.clinicId, {
    phone: `+1202555${String(1200 + phoneCounter).padStart(4, "0")}`,
  });
  const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id, status: "active" });
  const [clinicRow] = await database.db.select().from(clinics).where(eq(clinics.id, clinic.clinicId));
  const [rule] = await database.db
    .select()
    .from(rules)
    .where(eq(rules.id, clinic.ruleIds[0] ?? ""));
  if (!clinicRow || !rule) throw new Error("fixtures missing");
  const params = {
    clinic: clinicRow,
    patient,
    rule,
    invoiceSetId: set.id,
    cycle: 1,
    stepIndex: 0,
    channel: "sms" as const,
    amountCents: 12345,
    transport,
    now: new Date(),
  };
  return { set, params };
}

const linkIn = (text: string) => text.match(/\/p\/([A-Za-z0-9_-]{43})/)?.[1] ?? null;

describe("patient links are not kept at rest in message bodies", () => {
  test("with a real provider: stored with a placeholder, sent with a working link", async () => {
    const { set, params } = await sendFirstRule(twilio());
    const { message } = await sendMessage(database.db, params);

    const [stored] = await database.db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.id, message.id));
    expect(stored?.body).toContain(PATIENT_LINK_PLACEHOLDER);
    expect(stored?.body).not.toMatch(/\/p\//);

    const sentBody = new URLSearchParams(fake.accepted.at(-1)?.body).get("Body") ?? "";
    expect(sentBody).not.toContain(PATIENT_LINK_PLACEHOLDER);
    const token = linkIn(sentBody);
    expect(token).not.toBeNull();
    const resolved = await resolvePatientLink(database.db, token ?? "");
    expect(resolved).toMatchObject({ state: "ok", link: { invoiceSetId: set.id } });
  });

  test("a retry after a provider failure sends a fresh working link; still nothing at rest", async () => {
    const { set, params } = await sendFirstRule(twilio());
    fake.failNext(1, 500);
    await expect(sendMessage(database.db, params)).rejects.toThrow();
    const [queued] = await database.db
      .select({ body: messages.body, status: messages.status })
      .from(messages)
      .where(eq(messages.invoiceSetId, set.id));
    // The attempt was committed as "sending" before the provider call (no double send after a timeout).
    expect(queued).toMatchObject({ status: "sending" });
    expect(queued?.body).toContain(PATIENT_LINK_PLACEHOLDER);

    await sendMessage(database.db, params);
    const token = linkIn(new URLSearchParams(fake.accepted.at(-1)?.body).get("Body") ?? "");
    expect((await resolvePatientLink(database.db, token ?? "")).state).toBe("ok");
    const links = await database.db
      .select({ id: patientLinks.id })
      .from(patientLinks)
      .where(and(eq(patientLinks.clinicId, clinic.clinicId), eq(patientLinks.invoiceSetId, set.id)));
    expect(links.length).toBe(2);
  });

  test("with the outbox transport (demo and tests) the outbox is the delivery: the link stays", async () => {
    const { params } = await sendFirstRule(outboxTransport);
    const { message } = await sendMessage(database.db, params);
    const [stored] = await database.db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.id, message.id));
    expect(stored?.body).not.toContain(PATIENT_LINK_PLACEHOLDER);
    expect(linkIn(stored?.body ?? "")).not.toBeNull();
  });
});
