import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { invoiceSets, messages, patients } from "@/db/schema";
import { formatDateInZone } from "@/lib/format/dates";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { createTestMessage } from "../support/outreach-fixtures";
import { runEngineNow } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
process.env.RESEND_WEBHOOK_SECRET = SECRET;

const route = await import("@/app/api/webhooks/resend/route");

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Resend Clinic");
});

/** Signs like Resend (svix): HMAC-SHA256 of `${id}.${timestamp}.${body}` with the secret's base64 key. */
function sign(id: string, timestamp: string, body: string, secret = SECRET) {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

function resendRequest(
  event: unknown,
  options: { id?: string; secret?: string; unsigned?: boolean; tamper?: boolean } = {},
) {
  const body = JSON.stringify(event);
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (!options.unsigned)
    Object.assign(headers, {
      "svix-id": id,
      "svix-timestamp": timestamp,
      "svix-signature": sign(id, timestamp, body, options.secret),
    });
  return new Request("http://127.0.0.1:3000/api/webhooks/resend", {
    method: "POST",
    headers,
    body: options.tamper ? body.replace("delivered", "bounced") : body,
  });
}

async function setWithEmail() {
  const patient = await createTestPatient(database.db, clinic.clinicId);
  const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id });
  const message = await createTestMessage(database.db, clinic, {
    invoiceSetId: set.id,
    channel: "email",
    transport: "resend",
    destination: patient.email ?? "",
  });
  return { patient, set, message };
}

const event = (type: string, emailId: string, extra: Record<string, unknown> = {}) => ({
  type,
  created_at: new Date().toISOString(),
  data: { email_id: emailId, to: ["patient@example.com"], ...extra },
});

describe("Resend webhook", () => {
  test("unsigned → 401, wrong secret or tampered body → 403, nothing changes", async () => {
    const { message } = await setWithEmail();
    const delivered = event("email.delivered", message.providerId ?? "");
    expect((await route.POST(resendRequest(delivered, { unsigned: true }))).status).toBe(401);
    expect(
      (await route.POST(resendRequest(delivered, { secret: `whsec_${randomBytes(24).toString("base64")}` }))).status,
    ).toBe(403);
    expect((await route.POST(resendRequest(delivered, { tamper: true }))).status).toBe(403);
    const [row] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(row?.status).toBe("sent");
  });

  test("delivered is applied once; the same svix id again is a replay", async () => {
    const { message } = await setWithEmail();
    const id = `msg_${randomUUID()}`;
    const delivered = event("email.delivered", message.providerId ?? "");
    expect(await (await route.POST(resendRequest(delivered, { id }))).json()).toEqual({ outcome: "applied" });
    expect(await (await route.POST(resendRequest(delivered, { id }))).json()).toEqual({ outcome: "replay" });
    // A late "sent" never moves it back.
    expect(await (await route.POST(resendRequest(event("email.sent", message.providerId ?? "")))).json()).toEqual({
      outcome: "ignored",
    });
    const [row] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(row?.status).toBe("delivered");
  });

  test("a permanent bounce marks the email undeliverable and the set Failed", async () => {
    const { patient, set, message } = await setWithEmail();
    const bounced = event("email.bounced", message.providerId ?? "", {
      bounce: { type: "Permanent", subType: "General", message: "mailbox does not exist" },
    });
    expect((await route.POST(resendRequest(bounced))).status).toBe(200);
    await runEngineNow(database.db);
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.emailUndeliverableReason).toBe("Email bounced: mailbox does not exist");
    const [s] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    // The set's reason is the row's words, with the day of the bounce in the clinic's zone.
    const day = formatDateInZone(p?.emailUndeliverableAt ?? null, "America/New_York").replace(/, \d{4}$/, "");
    expect(s).toMatchObject({ status: "failed", statusReason: `Email bounced on ${day}` });
  });

  test("a complaint marks the email unusable and fails the set", async () => {
    const { patient, set, message } = await setWithEmail();
    await route.POST(resendRequest(event("email.delivered", message.providerId ?? "")));
    await route.POST(resendRequest(event("email.complained", message.providerId ?? "")));
    await runEngineNow(database.db);
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.emailUndeliverableReason).toBe("Patient marked the email as spam");
    const [s] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(s?.status).toBe("failed");
  });
});
