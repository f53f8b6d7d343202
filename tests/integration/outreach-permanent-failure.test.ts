import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, messages, patients } from "@/db/schema";
import { messagePermanentlyFailed } from "@/inngest/events";
import { createFailSetFunction } from "@/inngest/functions/fail-set-on-delivery-failure";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { handleTwilioStatus } from "@/lib/webhooks/twilio-status";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { createTextedSet } from "../support/outreach-fixtures";
import { runEngineNow } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Permanent Failure Clinic");
});

async function setOf(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  return row;
}

async function failTransitions(setId: string) {
  return database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, setId), eq(auditLog.action, "invoice_set.delivery_failed")));
}

const landline = (sid: string) => ({ MessageSid: sid, MessageStatus: "undelivered", ErrorCode: "30006" });

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
