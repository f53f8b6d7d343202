import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, messages, patients, timelineEvents } from "@/db/schema";
import { messagePermanentlyFailed } from "@/inngest/events";
import { createFailSetFunction } from "@/inngest/functions/fail-set-on-delivery-failure";
import { failSetsForFailedMessages } from "@/lib/outreach/fail-set-for-delivery";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { handleTwilioStatus } from "@/lib/webhooks/twilio-status";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { createTextedSet } from "../support/outreach-fixtures";
import { runEngineNow } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let otherClinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Permanent Failure Clinic");
  otherClinic = await createTestClinic(database.db, "Other Failure Clinic");
});

async function setOf(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  return row;
}

async function auditRows(entityId: string, action: string) {
  return database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)));
}

const failTransitions = (setId: string) => auditRows(setId, "invoice_set.delivery_failed");

const landline = (sid: string) => ({ MessageSid: sid, MessageStatus: "undelivered", ErrorCode: "30006" });

async function failureLines(setId: string) {
  return database.db
    .select({ summary: timelineEvents.summary, details: timelineEvents.details })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.invoiceSetId, setId), eq(timelineEvents.kind, "status_change")));
}

/** What the webhook would publish for a texted set's message. */
function failureOf(
  texted: Awaited<ReturnType<typeof createTextedSet>>,
  owner: TestClinic,
  at: string,
  change: { effect: "landline" | "invalid"; code: string; reason: string } = {
    effect: "landline",
    code: "30006",
    reason: "Landline: this number can't receive texts (Twilio 30006)",
  },
) {
  return {
    clinicId: owner.clinicId,
    invoiceSetId: texted.set.id,
    patientId: texted.patient.id,
    messageId: texted.message.id,
    channel: "sms" as const,
    status: "undelivered" as const,
    at,
    ...change,
  };
}

describe("a permanent delivery failure, taken in by the outreach engine", () => {
  test("the webhook records the message; the engine's run fails the set once, and a replay starts nothing", async () => {
    const { patient, set, message } = await createTextedSet(database.db, clinic);
    expect(await handleTwilioStatus(database.db, landline(message.providerId ?? ""))).toBe("applied");
    expect(await handleTwilioStatus(database.db, landline(message.providerId ?? ""))).toBe("replay");
    const [recorded] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(recorded).toMatchObject({ status: "undelivered", errorCode: "30006" });
    expect((await setOf(set.id))?.status).toBe("active");

    await runEngineNow(database.db);
    expect(await setOf(set.id)).toMatchObject({ status: "failed", statusReason: "Number is a landline (30006)" });
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.phoneIsLandline).toBe(true);
    const transitions = await failTransitions(set.id);
    expect(transitions).toHaveLength(1);
    expect(transitions[0]?.after).toMatchObject({ status: "failed" });

    await runEngineNow(database.db);
    expect(await failTransitions(set.id)).toHaveLength(1);
  });

  test("a set staff paused meanwhile stays Paused; the phone is still recorded as a landline", async () => {
    const { patient, set, message } = await createTextedSet(database.db, clinic);
    await handleTwilioStatus(database.db, landline(message.providerId ?? ""));
    const biller = { kind: "user" as const, userId: clinic.users.biller.id };
    await database.db.transaction((tx) =>
      transitionInvoiceSet(tx, { clinicId: clinic.clinicId, invoiceSetId: set.id, action: "pause", actor: biller }),
    );
    await runEngineNow(database.db);
    expect((await setOf(set.id))?.status).toBe("paused");
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.phoneIsLandline).toBe(true);
  });

  test("a burst of failures is taken in one engine pass: every set fails with its own reason and line", async () => {
    const texted = [await createTextedSet(database.db, clinic), await createTextedSet(database.db, clinic)];
    const elsewhere = await createTextedSet(database.db, otherClinic);
    for (const { message } of [...texted, elsewhere])
      expect(await handleTwilioStatus(database.db, landline(message.providerId ?? ""))).toBe("applied");

    const pass = await runEngineNow(database.db);
    expect(pass.ran).toBeGreaterThanOrEqual(3);
    for (const { set, patient, message } of [...texted, elsewhere]) {
      expect(await setOf(set.id)).toMatchObject({ status: "failed", statusReason: "Number is a landline (30006)" });
      const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
      expect(p?.phoneIsLandline).toBe(true);
      const lines = await failureLines(set.id);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.summary).toBe("Failed: Number is a landline (30006)");
      expect(lines[0]?.details).toMatchObject({ action: "delivery_failed", messageId: message.id, code: "30006" });
      expect(await auditRows(patient.id, "patient.phone_unusable")).toHaveLength(1);
    }
  });

  test("two failures of one set in a batch: the earlier one tells why, the set fails once", async () => {
    const texted = await createTextedSet(database.db, clinic);
    const later = failureOf(texted, clinic, "2026-11-29T10:00:05.000Z");
    const earlier = failureOf(texted, clinic, "2026-11-29T10:00:01.000Z", {
      effect: "invalid",
      code: "21211",
      reason: "Invalid number (Twilio 21211)",
    });
    expect(await failSetsForFailedMessages(database.db, [later, earlier])).toEqual(["unchanged", "failed"]);
    expect(await setOf(texted.set.id)).toMatchObject({ status: "failed" });
    const lines = await failureLines(texted.set.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.details).toMatchObject({ code: "21211" });
    // The later fact about the phone is the one it keeps.
    const [p] = await database.db.select().from(patients).where(eq(patients.id, texted.patient.id));
    expect(p?.phoneIsLandline).toBe(true);
    expect(p?.phoneUnusableReason).toContain("30006");
  });

  test("a failure naming another clinic's set changes nothing there", async () => {
    const theirs = await createTextedSet(database.db, otherClinic);
    const mine = await createTextedSet(database.db, clinic);
    const forged = failureOf(theirs, clinic, new Date().toISOString());
    expect(await failSetsForFailedMessages(database.db, [forged, failureOf(mine, clinic, forged.at)])).toEqual([
      "unchanged",
      "failed",
    ]);
    expect(await setOf(theirs.set.id)).toMatchObject({ status: "active" });
    const [p] = await database.db.select().from(patients).where(eq(patients.id, theirs.patient.id));
    expect(p?.phoneIsLandline).toBe(false);
    expect(await auditRows(theirs.patient.id, "patient.phone_unusable")).toEqual([]);
    expect(await setOf(mine.set.id)).toMatchObject({ status: "failed" });
  });

  test("the Inngest function runs the same body: the set fails, and a retried run changes nothing", async () => {
    const { set, message } = await createTextedSet(database.db, clinic);
    const event = messagePermanentlyFailed.create({
      clinicId: clinic.clinicId,
      invoiceSetId: set.id,
      patientId: set.patientId,
      messageId: message.id,
      channel: "sms",
      status: "undelivered",
      code: "30006",
      effect: "landline",
      reason: "Landline: this number can't receive texts (Twilio 30006)",
      at: new Date().toISOString(),
    });
    // A fresh engine each time: a retried run starts its step again, nothing memoized.
    const run = () =>
      new InngestTestEngine({
        function: createFailSetFunction({ db: async () => database.db }),
        events: [{ name: event.name, data: event.data }],
      }).execute();
    expect((await run()).result).toBe("failed");
    expect(await setOf(set.id)).toMatchObject({ status: "failed", statusReason: "Number is a landline (30006)" });
    expect((await run()).result).toBe("unchanged");
    expect(await failTransitions(set.id)).toHaveLength(1);
  });
});
