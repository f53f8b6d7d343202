import { and, eq } from "drizzle-orm";
import twilio from "twilio";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, messages, patients, timelineEvents } from "@/db/schema";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { createTextedSet } from "../support/outreach-fixtures";
import { runEngineNow } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

const APP_URL = "https://billing.example.com";
const AUTH_TOKEN = "twilio-test-auth-token";
process.env.APP_URL = APP_URL;
process.env.TWILIO_AUTH_TOKEN = AUTH_TOKEN;

const statusRoute = await import("@/app/api/webhooks/twilio/status/route");
const inboundRoute = await import("@/app/api/webhooks/twilio/inbound/route");

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Webhook Clinic");
});

/** A request as Twilio makes it: form body, signed over the public URL with the SDK's own code. */
function twilioRequest(
  path: string,
  params: Record<string, string>,
  options: { token?: string | null; internalOrigin?: string } = {},
) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (options.token !== null)
    headers["X-Twilio-Signature"] = twilio.getExpectedTwilioSignature(
      options.token ?? AUTH_TOKEN,
      `${APP_URL}${path}`,
      params,
    );
  // The app sits behind a proxy: it sees another origin, but verifies against APP_URL.
  return new Request(`${options.internalOrigin ?? "http://127.0.0.1:3000"}${path}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(params).toString(),
  });
}

const status = (params: Record<string, string>, options?: Parameters<typeof twilioRequest>[2]) =>
  statusRoute.POST(twilioRequest("/api/webhooks/twilio/status", params, options));
const inbound = (params: Record<string, string>, options?: Parameters<typeof twilioRequest>[2]) =>
  inboundRoute.POST(twilioRequest("/api/webhooks/twilio/inbound", params, options));

async function messageRow(id: string) {
  const [row] = await database.db.select().from(messages).where(eq(messages.id, id));
  return row;
}
async function setRow(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  return row;
}

describe("Twilio status callback", () => {
  test("an unsigned or forged callback is refused with 403 and changes nothing", async () => {
    const { message } = await createTextedSet(database.db, clinic);
    const params = { MessageSid: message.providerId ?? "", MessageStatus: "delivered" };
    expect((await status(params, { token: null })).status).toBe(403);
    expect((await status(params, { token: "not-the-real-token" })).status).toBe(403);
    // Signed params, then one changed after signing.
    const forged = twilioRequest("/api/webhooks/twilio/status", params);
    const tampered = new Request(forged.url, {
      method: "POST",
      headers: forged.headers,
      body: new URLSearchParams({ ...params, MessageStatus: "failed" }).toString(),
    });
    expect((await statusRoute.POST(tampered)).status).toBe(403);
    expect((await messageRow(message.id))?.status).toBe("sent");
  });

  test("delivered is recorded once, on the timeline; a replay changes nothing", async () => {
    const { set, message } = await createTextedSet(database.db, clinic);
    const params = { MessageSid: message.providerId ?? "", MessageStatus: "delivered" };
    expect(await (await status(params)).json()).toEqual({ outcome: "applied" });
    expect(await (await status(params)).json()).toEqual({ outcome: "replay" });
    expect((await messageRow(message.id))?.status).toBe("delivered");
    const timeline = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.invoiceSetId, set.id), eq(timelineEvents.kind, "message_delivered")));
    expect(timeline).toHaveLength(1);
  });

  test("racing copies of a callback, and a racing earlier status, are applied once with one audit and timeline row each", async () => {
    const { set, message } = await createTextedSet(database.db, clinic);
    const delivered = { MessageSid: message.providerId ?? "", MessageStatus: "delivered" };
    const answers = await Promise.all([
      status(delivered),
      status(delivered),
      status(delivered),
      status({ MessageSid: message.providerId ?? "", MessageStatus: "sent" }),
    ]);
    const outcomes = await Promise.all(answers.map(async (answer) => (await answer.json()).outcome));
    expect(outcomes.slice(0, 3).sort()).toEqual(["applied", "replay", "replay"]);
    expect((await messageRow(message.id))?.status).toBe("delivered");
    const moves = await database.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "message"), eq(auditLog.entityId, message.id)));
    expect(moves.filter((move) => move.action === "message.delivered")).toEqual([
      {
        action: "message.delivered",
        before: { status: "sent" },
        after: { status: "delivered", invoiceSetId: set.id, channel: "sms" },
      },
    ]);
    // "sent" after "sent" is no move: never audited.
    expect(moves).toHaveLength(1);
    const timeline = await database.db
      .select({ summary: timelineEvents.summary, details: timelineEvents.details })
      .from(timelineEvents)
      .where(and(eq(timelineEvents.invoiceSetId, set.id), eq(timelineEvents.kind, "message_delivered")));
    expect(timeline).toEqual([
      {
        summary: `Text delivered to ${message.destination}`,
        details: { messageId: message.id, channel: "sms", status: "delivered", code: null },
      },
    ]);
  });

  test("out of order: a late 'sent' after 'delivered' never moves the status back", async () => {
    const { message } = await createTextedSet(database.db, clinic);
    await status({ MessageSid: message.providerId ?? "", MessageStatus: "delivered" });
    expect(await (await status({ MessageSid: message.providerId ?? "", MessageStatus: "sent" })).json()).toEqual({
      outcome: "ignored",
    });
    expect((await messageRow(message.id))?.status).toBe("delivered");
  });

  test("a permanent failure (30006 landline) marks the phone unusable and the set Failed with the reason", async () => {
    const { patient, set, message } = await createTextedSet(database.db, clinic);
    const response = await status({
      MessageSid: message.providerId ?? "",
      MessageStatus: "undelivered",
      ErrorCode: "30006",
    });
    expect(response.status).toBe(200);
    expect(await messageRow(message.id)).toMatchObject({ status: "undelivered", errorCode: "30006" });
    // The provider is answered once the message is recorded; the engine fails the set next.
    expect((await setRow(set.id))?.status).toBe("active");
    await runEngineNow(database.db);
    // The set's reason is the row's words; the provider's words stay on the patient and the message.
    expect(await setRow(set.id)).toMatchObject({ status: "failed", statusReason: "Number is a landline (30006)" });
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p).toMatchObject({
      phoneIsLandline: true,
      phoneUnusableReason: "Landline: this number can't receive texts (Twilio 30006)",
    });
  });

  test.each([
    ["21211", { phoneUnusableReason: "Phone number is not valid (Twilio 21211)" }],
    ["21610", { smsOptedOutAt: expect.any(Date) }],
    ["30005", { phoneUnusableReason: "Number unknown or no longer in service (Twilio 30005)" }],
  ])("permanent code %s fails the set", async (code, patientFields) => {
    const { patient, set, message } = await createTextedSet(database.db, clinic);
    await status({ MessageSid: message.providerId ?? "", MessageStatus: "failed", ErrorCode: code });
    await runEngineNow(database.db);
    expect((await setRow(set.id))?.status).toBe("failed");
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p).toMatchObject(patientFields);
  });

  test("a temporary failure (30003) is recorded but the set stays Active", async () => {
    const { set, message } = await createTextedSet(database.db, clinic);
    await status({ MessageSid: message.providerId ?? "", MessageStatus: "undelivered", ErrorCode: "30003" });
    expect(await messageRow(message.id)).toMatchObject({ status: "undelivered", errorCode: "30003" });
    expect((await setRow(set.id))?.status).toBe("active");
    const [event] = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.invoiceSetId, set.id), eq(timelineEvents.kind, "message_failed")));
    expect(event?.summary).toMatch(/not delivered yet: Temporarily unreachable \(Twilio 30003\)/);
  });

  test("an unknown code is recorded for review, not fatal", async () => {
    const { set, message } = await createTextedSet(database.db, clinic);
    await status({ MessageSid: message.providerId ?? "", MessageStatus: "failed", ErrorCode: "39999" });
    expect(await messageRow(message.id)).toMatchObject({ status: "failed", errorCode: "39999" });
    expect((await setRow(set.id))?.status).toBe("active");
  });
});

describe("Twilio inbound SMS", () => {
  test.each(["STOP", "stop", "  Unsubscribe ", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "cancel"])(
    "%j opts the patient out",
    async (word) => {
      const { patient } = await createTextedSet(database.db, clinic);
      const response = await inbound({ MessageSid: `SMin${Math.random()}`, From: patient.phone ?? "", Body: word });
      expect(response.status).toBe(200);
      const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
      expect(p?.smsOptedOutAt).toBeInstanceOf(Date);
    },
  );

  test("a sentence without a stop request is a reply, not an opt-out; START opts back in", async () => {
    const { patient, set } = await createTextedSet(database.db, clinic);
    await inbound({ MessageSid: "SMin-sentence", From: patient.phone ?? "", Body: "I will pay on Friday" });
    let [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.smsOptedOutAt).toBeNull();
    const [reply] = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.invoiceSetId, set.id), eq(timelineEvents.kind, "patient_reply")));
    expect(reply).toMatchObject({
      actorKind: "patient",
      summary: 'Patient replied by text: "I will pay on Friday"',
    });

    await inbound({ MessageSid: "SMin-stop", From: patient.phone ?? "", Body: "STOP" });
    await inbound({ MessageSid: "SMin-start", From: patient.phone ?? "", Body: "Start" });
    [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.smsOptedOutAt).toBeNull();
  });

  test.each(["Stop!", "opt-out", "  OPT OUT.  "])(
    "%j (punctuation, case, spacing) opts the patient out",
    async (body) => {
      const { patient } = await createTextedSet(database.db, clinic);
      await inbound({ MessageSid: `SMin-norm-${body.trim()}`, From: patient.phone ?? "", Body: body });
      const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
      expect(p?.smsOptedOutAt).toBeInstanceOf(Date);
    },
  );

  test("asking to stop in other words stops texts and is flagged for staff review", async () => {
    const { patient, set } = await createTextedSet(database.db, clinic);
    await inbound({ MessageSid: "SMin-own-words", From: patient.phone ?? "", Body: "please stop texting me" });
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.smsOptedOutAt).toBeInstanceOf(Date);
    const [reply] = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.invoiceSetId, set.id), eq(timelineEvents.kind, "patient_reply")));
    expect(reply?.summary).toBe(
      'Needs review: the patient asked to stop texts in their own words, so texts have stopped: "please stop texting me"',
    );
    expect(reply?.details).toMatchObject({ needsReview: true });
  });

  test("START re-enables texts after Twilio reported an opt-out (21610)", async () => {
    const { patient, message } = await createTextedSet(database.db, clinic);
    await status({ MessageSid: message.providerId ?? "", MessageStatus: "failed", ErrorCode: "21610" });
    await inbound({ MessageSid: "SMin-restart", From: patient.phone ?? "", Body: "START" });
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p).toMatchObject({ smsOptedOutAt: null, phoneUnusableReason: null, phoneIsLandline: false });
  });

  test("HELP answers with the clinic's contact in TwiML", async () => {
    const { patient } = await createTextedSet(database.db, clinic);
    const response = await inbound({ MessageSid: "SMin-help", From: patient.phone ?? "", Body: "help" });
    expect(response.headers.get("content-type")).toBe("text/xml");
    const xml = await response.text();
    expect(xml).toContain("<Message>Webhook Clinic billing: call +15550100000 or email billing-");
  });

  test("a replayed inbound message is handled once", async () => {
    const { patient, set } = await createTextedSet(database.db, clinic);
    const params = { MessageSid: "SMin-replay", From: patient.phone ?? "", Body: "I paid yesterday" };
    await inbound(params);
    await inbound(params);
    const replies = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.invoiceSetId, set.id), eq(timelineEvents.kind, "patient_reply")));
    expect(replies).toHaveLength(1);
  });

  test("a forged inbound STOP is refused and changes nothing", async () => {
    const { patient } = await createTextedSet(database.db, clinic);
    const response = await inbound(
      { MessageSid: "SMin-forged", From: patient.phone ?? "", Body: "STOP" },
      { token: "wrong" },
    );
    expect(response.status).toBe(403);
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.smsOptedOutAt).toBeNull();
  });
});
