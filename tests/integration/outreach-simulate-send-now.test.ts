import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, invoiceSets, messages, patients } from "@/db/schema";
import { sendNow } from "@/lib/outreach/send-now";
import { simulateOutboxEvent } from "@/lib/outreach/simulate-outbox-event";
import { outboxTransport, type Transports } from "@/lib/providers/transport";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { createTestMessage } from "../support/outreach-fixtures";
import { runEngineNow } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
const outbox: Transports = { sms: outboxTransport, email: outboxTransport };
const actor = { kind: "system" } as const;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Simulate Clinic");
});

async function outboxText(setId: string) {
  const message = await createTestMessage(database.db, clinic, {
    invoiceSetId: setId,
    channel: "sms",
    transport: "outbox",
    destination: "+12025550190",
  });
  return message;
}

describe("Outbox → Simulate (the webhook handlers, no side door)", () => {
  test("Failed: landline (30006) fails the set with the reason and marks the phone a landline", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const message = await outboxText(set.id);
    const outcome = await simulateOutboxEvent(database.db, {
      clinicId: clinic.clinicId,
      actor,
      messageId: message.id,
      simulation: "failed_landline",
    });
    expect(outcome).toBe("applied");
    await runEngineNow(database.db);
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row).toMatchObject({ status: "failed", statusReason: "Number is a landline (30006)" });
    const [m] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(m).toMatchObject({ status: "undelivered", errorCode: "30006" });
    const [p] = await database.db.select().from(patients).where(eq(patients.id, set.patientId));
    expect(p?.phoneIsLandline).toBe(true);
  });

  test("Patient replied STOP opts the patient out of texts", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    await database.db.update(patients).set({ phone: "+12025550191" }).where(eq(patients.id, set.patientId));
    const message = await createTestMessage(database.db, clinic, {
      invoiceSetId: set.id,
      channel: "sms",
      transport: "outbox",
      destination: "+12025550191",
    });
    await simulateOutboxEvent(database.db, {
      clinicId: clinic.clinicId,
      actor,
      messageId: message.id,
      simulation: "reply_stop",
    });
    const [p] = await database.db.select().from(patients).where(eq(patients.id, set.patientId));
    expect(p?.smsOptedOutAt).toBeInstanceOf(Date);
  });

  test("only outbox messages of this clinic, and only what fits the channel", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const real = await createTestMessage(database.db, clinic, {
      invoiceSetId: set.id,
      channel: "sms",
      transport: "twilio",
      destination: "+12025550192",
    });
    const run = (messageId: string, simulation: "delivered" | "bounced", clinicId = clinic.clinicId) =>
      simulateOutboxEvent(database.db, { clinicId, actor, messageId, simulation });
    await expect(run(real.id, "delivered")).rejects.toThrow("Only messages the outbox recorded can be simulated.");
    const text = await outboxText((await createTestInvoiceSet(database.db, clinic)).id);
    await expect(run(text.id, "bounced")).rejects.toThrow("“Bounced” doesn't apply to this kind of message.");
    const other = await createTestClinic(database.db, "Simulate Other Clinic");
    await expect(run(text.id, "delivered", other.clinicId)).rejects.toThrow("This message was not found.");
  });
});

describe("Send now", () => {
  test("sends the set's next rule at once inside the window; the position moves on", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const now = new Date("2030-06-04T15:00:00Z"); // Tuesday 11:00 in New York
    const message = await sendNow(
      database.db,
      { transports: outbox, stripe: null },
      { clinicId: clinic.clinicId, invoiceSetId: set.id, actor, now },
    );
    expect(message).toBe("Sent now: Text and Email went out (“Your statement”).");
    const sent = await database.db.select().from(messages).where(eq(messages.invoiceSetId, set.id));
    expect(sent.map((m) => m.status).sort()).toEqual(["sent", "sent"]);
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row?.sequenceStep).toBe(1);
  });

  test("says why not: outside the window, or a set that isn't Active", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const night = new Date("2030-06-05T03:00:00Z"); // Tuesday 23:00 in New York
    await expect(
      sendNow(
        database.db,
        { transports: outbox, stripe: null },
        { clinicId: clinic.clinicId, invoiceSetId: set.id, actor, now: night },
      ),
    ).rejects.toThrow(
      "It's outside the send window in the patient's time zone (America/New York); the next message can go Jun 5, 2030, 9:00 AM.",
    );
    const paused = await createTestInvoiceSet(database.db, clinic, { status: "paused" });
    await expect(
      sendNow(
        database.db,
        { transports: outbox, stripe: null },
        { clinicId: clinic.clinicId, invoiceSetId: paused.id, actor, now: night },
      ),
    ).rejects.toThrow("Only an Active set can be sent now; this one is Paused.");
    expect(await database.db.select().from(messages).where(eq(messages.invoiceSetId, set.id))).toEqual([]);
    const [c] = await database.db.select().from(clinics).where(eq(clinics.id, clinic.clinicId));
    expect(c?.sendWindowStartMinute).toBe(540);
  });
});
