import { TZDate } from "@date-fns/tz";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, clinics, invoiceSets, messages, outreachEngineState, timelineEvents } from "@/db/schema";
import { invoiceSetActivated } from "@/inngest/events";
import { enqueueEvents } from "@/inngest/local/job-store";
import { runDueWork } from "@/inngest/local/run-due-work";
import { type OutgoingMessage, PermanentSendError, type Transport, type Transports } from "@/lib/providers/transport";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { holdCrons } from "../support/hold-crons";
import { engineOptions } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

// The local engine's batched path: many due runs in one pass, their plans and sends done set-based.
let database: Database;
const MONDAY_11_NY = new Date("2030-09-02T15:00:00Z");

beforeAll(async () => {
  database = await testDatabase();
  await holdCrons(database.db);
});
afterAll(async () => {
  await database.db.delete(outreachEngineState);
});

/** A provider stand-in that keeps every message it took, and can refuse or lose the answer for some numbers. */
function recordingTransport(name: Transport["name"], options: { refuse?: Set<string>; loseAnswer?: Set<string> } = {}) {
  const taken: OutgoingMessage[] = [];
  const transport: Transport = {
    name,
    async send(message) {
      if (options.refuse?.has(message.to)) throw new PermanentSendError("21211", "Invalid 'To' phone number");
      taken.push(message);
      // The provider took it, but the answer never came back (a timeout, a crash before "sent").
      if (options.loseAnswer?.delete(message.to)) throw new Error("socket hang up");
      return { providerId: `p-${message.messageId}` };
    },
    async lookup(message) {
      return taken.some((t) => t.messageId === message.messageId) ? { providerId: `p-${message.messageId}` } : null;
    },
  };
  return { transport, taken };
}

async function activateAll(clinic: TestClinic, setIds: string[], now: Date) {
  await enqueueEvents(
    database.db,
    setIds.map((id) => invoiceSetActivated.create({ clinicId: clinic.clinicId, invoiceSetId: id })),
    now,
  );
}

const pass = (transports: Transports, now: Date, concurrentRuns = 3) =>
  runDueWork(database.db, engineOptions({ now, transports: () => transports, concurrentRuns }));

async function messagesOf(setIds: string[]) {
  return database.db.select().from(messages).where(inArray(messages.invoiceSetId, setIds));
}

const localHour = (at: Date, zone: string) => new TZDate(at.getTime(), zone).getHours();

describe("local engine, batched sends", () => {
  test("50 due sets: each sent once inside its window; night-time and opted-out patients wait or skip; a second pass sends nothing", async () => {
    const clinic = await createTestClinic(database.db, "Batch Clinic");
    await database.db.update(clinics).set({ sendsPerMinute: 1000 }).where(eq(clinics.id, clinic.clinicId));
    const newYork = await Promise.all(
      Array.from({ length: 45 }, () => createTestInvoiceSet(database.db, clinic, { sequenceStartedAt: MONDAY_11_NY })),
    );
    // 01:00 on Tuesday in Tokyo: outside the window.
    const tokyo = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const patient = await createTestPatient(database.db, clinic.clinicId, { timeZone: "Asia/Tokyo" });
        return createTestInvoiceSet(database.db, clinic, { patientId: patient.id, sequenceStartedAt: MONDAY_11_NY });
      }),
    );
    const optedOutPatient = await createTestPatient(database.db, clinic.clinicId, { smsOptedOutAt: MONDAY_11_NY });
    const optedOut = await createTestInvoiceSet(database.db, clinic, {
      patientId: optedOutPatient.id,
      sequenceStartedAt: MONDAY_11_NY,
    });
    const all = [...newYork, ...tokyo, optedOut].map((set) => set.id);
    const sms = recordingTransport("outbox");
    const email = recordingTransport("outbox");
    const transports = { sms: sms.transport, email: email.transport };
    await activateAll(clinic, all, MONDAY_11_NY);

    await pass(transports, MONDAY_11_NY);

    const sent = await messagesOf(all);
    const nyIds = new Set(newYork.map((set) => set.id));
    expect(sent.filter((m) => nyIds.has(m.invoiceSetId ?? "")).map((m) => m.status)).toEqual(
      Array.from({ length: 90 }, () => "sent"),
    );
    for (const set of newYork)
      expect(
        sent
          .filter((m) => m.invoiceSetId === set.id)
          .map((m) => m.channel)
          .sort(),
      ).toEqual(["email", "sms"]);
    // Inside the window in the patient's zone (9:00 to 20:00 in New York), never at night.
    for (const m of sent) expect(localHour(m.sentAt ?? new Date(0), "America/New_York")).toBe(11);
    expect(sent.filter((m) => tokyo.some((set) => set.id === m.invoiceSetId))).toEqual([]);
    expect(sent.filter((m) => m.invoiceSetId === optedOut.id).map((m) => m.channel)).toEqual(["email"]);
    // Every provider call once, for the rows recorded (other files' runs due by then may use the transports too).
    const ids = new Set(sent.map((m) => m.id));
    const calls = () => [...sms.taken, ...email.taken].filter((m) => ids.has(m.messageId));
    expect(calls()).toHaveLength(91);
    expect(new Set(calls().map((m) => m.messageId)).size).toBe(91);

    const sets = await database.db.select().from(invoiceSets).where(inArray(invoiceSets.id, all));
    for (const set of sets.filter((s) => nyIds.has(s.id)))
      expect(set).toMatchObject({ status: "active", sequenceStep: 1 });
    // Its next rule is a text only: Will Fail, planned right after the send.
    expect(sets.find((s) => s.id === optedOut.id)).toMatchObject({ status: "will_fail", sequenceStep: 1 });
    for (const set of sets.filter((s) => tokyo.some((t) => t.id === s.id))) {
      expect(set).toMatchObject({ status: "active", sequenceStep: 0 });
      expect(localHour(set.nextSendAt ?? new Date(0), "Asia/Tokyo")).toBe(9);
    }

    const timeline = await database.db.select().from(timelineEvents).where(inArray(timelineEvents.invoiceSetId, all));
    expect(timeline.filter((e) => e.kind === "message_sent")).toHaveLength(91);
    expect(timeline.filter((e) => e.invoiceSetId === optedOut.id && e.kind === "note").map((e) => e.summary)).toEqual([
      expect.stringMatching(/^Text skipped \(Opted out of texts .+\); sent by Email only$/),
    ]);
    const audit = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "message"), inArray(auditLog.entityId, [...ids])));
    expect(audit.filter((a) => a.action === "message.sending")).toHaveLength(91);
    expect(audit.filter((a) => a.action === "message.sent")).toHaveLength(91);

    // The same moment again (a second pass, a second engine that got the lock): nothing more goes out.
    await activateAll(clinic, all, new Date(MONDAY_11_NY.getTime() + 1_000));
    await pass(transports, new Date(MONDAY_11_NY.getTime() + 1_000));
    expect(await messagesOf(all)).toHaveLength(91);
    expect(calls()).toHaveLength(91);
  });

  test("an answer lost after 'sending' is looked up on the retry, not sent again; a refusal fails that channel only", async () => {
    const clinic = await createTestClinic(database.db, "Batch Crash Clinic");
    const lost = await createTestPatient(database.db, clinic.clinicId, { phone: "+12025550111" });
    const refused = await createTestPatient(database.db, clinic.clinicId, { phone: "+12025550122" });
    const lostSet = await createTestInvoiceSet(database.db, clinic, {
      patientId: lost.id,
      sequenceStartedAt: MONDAY_11_NY,
    });
    const refusedSet = await createTestInvoiceSet(database.db, clinic, {
      patientId: refused.id,
      sequenceStartedAt: MONDAY_11_NY,
    });
    const others = await Promise.all(
      Array.from({ length: 5 }, () => createTestInvoiceSet(database.db, clinic, { sequenceStartedAt: MONDAY_11_NY })),
    );
    const all = [lostSet.id, refusedSet.id, ...others.map((set) => set.id)];
    const sms = recordingTransport("twilio", {
      refuse: new Set(["+12025550122"]),
      loseAnswer: new Set(["+12025550111"]),
    });
    const email = recordingTransport("outbox");
    const transports = { sms: sms.transport, email: email.transport };
    await activateAll(clinic, all, MONDAY_11_NY);

    await pass(transports, MONDAY_11_NY);
    const lostText = (await messagesOf([lostSet.id])).find((m) => m.channel === "sms");
    expect(lostText?.status).toBe("sending");

    // The failed run is tried again 10 s later.
    await pass(transports, new Date(MONDAY_11_NY.getTime() + 11_000));
    const after = await messagesOf(all);
    expect(after.find((m) => m.id === lostText?.id)?.status).toBe("sent");
    expect(sms.taken.filter((m) => m.to === "+12025550111")).toHaveLength(1);

    const refusedMessages = after.filter((m) => m.invoiceSetId === refusedSet.id);
    expect(refusedMessages.map((m) => [m.channel, m.status]).sort()).toEqual([
      ["email", "sent"],
      ["sms", "failed"],
    ]);
    const sets = await database.db.select().from(invoiceSets).where(inArray(invoiceSets.id, all));
    for (const set of sets.filter((s) => s.id !== refusedSet.id))
      expect(set).toMatchObject({ status: "active", sequenceStep: 1 });
    // The email went out, so the set goes on; its next rule, a text to the refused number, is Will Fail.
    expect(sets.find((s) => s.id === refusedSet.id)).toMatchObject({ status: "will_fail", sequenceStep: 1 });
    expect(after.filter((m) => m.status === "sent")).toHaveLength(all.length * 2 - 1);
  });

  test("a clinic's sends per minute hold across the batches of a pass: 10 sets due, room for 2", async () => {
    const clinic = await createTestClinic(database.db, "Batch Capped Clinic");
    // A text and an email each: four messages are two sets' first rule.
    await database.db.update(clinics).set({ sendsPerMinute: 4 }).where(eq(clinics.id, clinic.clinicId));
    const sets = await Promise.all(
      Array.from({ length: 10 }, () => createTestInvoiceSet(database.db, clinic, { sequenceStartedAt: MONDAY_11_NY })),
    );
    const sms = recordingTransport("outbox");
    const email = recordingTransport("outbox");
    const transports = { sms: sms.transport, email: email.transport };
    const all = sets.map((set) => set.id);
    await activateAll(clinic, all, MONDAY_11_NY);
    await pass(transports, MONDAY_11_NY, 5);
    expect(await messagesOf(all)).toHaveLength(4);
    await pass(transports, new Date(MONDAY_11_NY.getTime() + 30_000), 5);
    expect(await messagesOf(all)).toHaveLength(4);
    await pass(transports, new Date(MONDAY_11_NY.getTime() + 61_000), 5);
    expect(await messagesOf(all)).toHaveLength(8);
  });

  test("on one session (concurrency 1) the batched path sends the same, each once", async () => {
    const clinic = await createTestClinic(database.db, "Batch Single Clinic");
    const sets = await Promise.all(
      Array.from({ length: 6 }, () => createTestInvoiceSet(database.db, clinic, { sequenceStartedAt: MONDAY_11_NY })),
    );
    const sms = recordingTransport("outbox");
    const email = recordingTransport("outbox");
    const all = sets.map((set) => set.id);
    await activateAll(clinic, all, MONDAY_11_NY);
    await pass({ sms: sms.transport, email: email.transport }, MONDAY_11_NY, 1);
    const sent = await messagesOf(all);
    expect(sent.map((m) => m.status)).toEqual(Array.from({ length: 12 }, () => "sent"));
    expect(sms.taken).toHaveLength(6);
    expect(email.taken).toHaveLength(6);
  });
});
