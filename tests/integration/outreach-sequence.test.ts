import { InngestTestEngine } from "@inngest/test";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, clinics, invoiceSets, messages, timelineEvents } from "@/db/schema";
import { createSequenceFunction, type SequenceDeps } from "@/inngest/functions/run-invoice-set-sequence";
import { createSendRuleFunction } from "@/inngest/functions/send-outreach-rule";
import { outboxTransport, type Transports } from "@/lib/providers/transport";
import { twilioTransport } from "@/lib/providers/twilio";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { type FakeProviders, startFakeProviders } from "../support/fake-providers";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { invokeSendRuleInTestEngine } from "../support/invoke-send-rule";
import { testDatabase } from "../support/test-db";

// Patient links are made against APP_URL; env() needs the app's secret to parse.

let database: Database;
let clinic: TestClinic;
let fake: FakeProviders;
const outbox: Transports = { sms: outboxTransport, email: outboxTransport };

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  // These runs use the wall clock: the window is open all week so they pass at any hour and on
  // Sundays (an unmocked wait for the window never returns); the window has fake-clock tests.
  await database.db
    .update(clinics)
    .set({ sendWindowStartMinute: 0, sendWindowEndMinute: 1440, sendDays: [1, 2, 3, 4, 5, 6, 7], allowAnyHour: true })
    .where(eq(clinics.id, clinic.clinicId));
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

/** Every sleep is mocked (the run would never return otherwise); `onWait` runs "while it sleeps". */
function sleepMocks(onWait: Record<string, () => Promise<void>> = {}) {
  const waits = [
    ...Array.from({ length: 6 }, (_, i) => `wait-rule-${i}`),
    ...Array.from({ length: 3 }, (_, i) => `wait-expiry-${i}`),
  ];
  // Waits longer than Inngest's sleep limit are slept in parts first.
  const ids = waits.flatMap((id) => [...Array.from({ length: 8 }, (_, part) => `${id}-part-${part}`), id]);
  return ids.map((id) => ({
    id,
    handler: async () => {
      await onWait[id]?.();
      return null;
    },
  }));
}

function functionsFor(transports: Transports) {
  const deps: SequenceDeps = {
    db: async () => database.db,
    transports: () => transports,
    now: () => new Date(),
    stripe: () => null,
  };
  const sendRule = createSendRuleFunction(deps);
  return { sequence: createSequenceFunction(deps, sendRule), sendRule };
}

/**
 * The sequence under @inngest/test. The engine can't follow step.invoke, so each invoke of
 * the throttled send function runs that function in its own test engine, inside a step.
 */
function engine(setId: string, transports: Transports = outbox) {
  const { sequence, sendRule } = functionsFor(transports);
  return new InngestTestEngine({
    function: sequence,
    events: [{ name: "billing/invoice-set.activated", data: { clinicId: clinic.clinicId, invoiceSetId: setId } }],
    transformCtx: invokeSendRuleInTestEngine(sendRule),
  });
}

async function setRow(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  return row;
}
async function messagesOf(id: string) {
  return database.db
    .select()
    .from(messages)
    .where(eq(messages.invoiceSetId, id))
    .orderBy(asc(messages.stepIndex), asc(messages.channel));
}

describe("run-invoice-set-sequence", () => {
  test("is cancelled by invoiceSetStopped for the same set; sends are throttled per clinic", () => {
    const { sequence: fn, sendRule } = functionsFor(outbox);
    expect(sendRule.opts.throttle).toEqual({ key: "event.data.clinicId", limit: 60, period: "1m" });
    expect(fn.opts.cancelOn).toEqual([expect.objectContaining({ match: "data.invoiceSetId" })]);
  });

  test("a full rule set runs to Expired: every rule sent once, on its channels", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const { result, error } = await engine(set.id).execute({ steps: sleepMocks() });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "expired", sentSteps: [0, 1, 2] });
    const row = await setRow(set.id);
    expect(row).toMatchObject({ status: "expired", sequenceStep: 3, nextSendAt: null });
    const sent = await messagesOf(set.id);
    expect(sent.map((m) => [m.stepIndex, m.channel, m.status, m.transport])).toEqual([
      [0, "sms", "sent", "outbox"],
      [0, "email", "sent", "outbox"],
      [1, "sms", "sent", "outbox"],
      [2, "email", "sent", "outbox"],
    ]);
    expect(sent[0]?.body).toMatch(
      /^Hi Jamie, you have a balance of \$125\.00 at Test Clinic\. Pay here: http.*\/p\/[\w-]{43}$/,
    );
    const timeline = await database.db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, set.id));
    expect(timeline.filter((e) => e.kind === "message_sent")).toHaveLength(4);
    expect(timeline.some((e) => e.summary.startsWith("Expired"))).toBe(true);
    // Each send is in the audit log as well: the message's moves, by the system.
    const audited = await database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, "message"),
          inArray(
            auditLog.entityId,
            sent.map((m) => m.id),
          ),
        ),
      );
    for (const message of sent) {
      const moves = audited.filter((row) => row.entityId === message.id);
      expect(moves.map((row) => row.action)).toContain("message.sent");
      expect(moves.find((row) => row.action === "message.sent")).toMatchObject({
        clinicId: clinic.clinicId,
        actorKind: "system",
        after: { status: "sent", invoiceSetId: set.id, channel: message.channel },
      });
    }
  });

  test("a payment in full mid-sequence stops it", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const payInFull = async () => {
      await database.db.transaction((tx) =>
        transitionInvoiceSet(tx, {
          clinicId: clinic.clinicId,
          invoiceSetId: set.id,
          action: "balance_cleared",
          actor: { kind: "system" },
          changes: { amountOutstandingCents: 0 },
        }),
      );
    };
    const { result } = await engine(set.id).execute({ steps: sleepMocks({ "wait-rule-1": payInFull }) });
    expect(result).toMatchObject({ outcome: "stopped", reason: "invoice set is paid", sentSteps: [0] });
    expect((await setRow(set.id))?.status).toBe("paid");
    expect((await messagesOf(set.id)).map((m) => m.stepIndex)).toEqual([0, 0]);
  });

  test("pause then resume resumes at the right rule without re-sending", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const pause = async () => {
      await database.db.transaction((tx) =>
        transitionInvoiceSet(tx, {
          clinicId: clinic.clinicId,
          invoiceSetId: set.id,
          action: "pause",
          actor: { kind: "user", userId: clinic.users.biller.id },
        }),
      );
    };
    const first = await engine(set.id).execute({ steps: sleepMocks({ "wait-rule-1": pause }) });
    expect(first.result).toMatchObject({ outcome: "stopped", sentSteps: [0] });
    expect(await setRow(set.id)).toMatchObject({ status: "paused", sequenceStep: 1 });

    await database.db.transaction((tx) =>
      transitionInvoiceSet(tx, {
        clinicId: clinic.clinicId,
        invoiceSetId: set.id,
        action: "resume",
        actor: { kind: "user", userId: clinic.users.biller.id },
      }),
    );
    const second = await engine(set.id).execute({ steps: sleepMocks() });
    expect(second.result).toMatchObject({ outcome: "expired", sentSteps: [1, 2] });
    expect((await messagesOf(set.id)).map((m) => `${m.stepIndex}:${m.channel}`)).toEqual([
      "0:sms",
      "0:email",
      "1:sms",
      "2:email",
    ]);
  });

  test("a provider error after the message row was written does not send twice", async () => {
    const twilioAndOutbox: Transports = {
      sms: twilioTransport({
        accountSid: "AC00000000000000000000000000000001",
        authToken: "token",
        fromNumber: "+12025550100",
        statusCallbackUrl: "http://localhost:3000/api/webhooks/twilio/status",
        apiOrigin: fake.origin,
      }),
      email: outboxTransport,
    };
    const set = await createTestInvoiceSet(database.db, clinic);
    const acceptedBefore = fake.accepted.length;
    fake.failNext(1, 500);
    // First attempt: the SMS row is written, Twilio answers 500, the step throws (Inngest would retry it).
    const first = await engine(set.id, twilioAndOutbox).execute({ steps: sleepMocks() });
    expect(first.result).toBeUndefined();
    expect(first.error).toBeDefined();
    const afterFailure = await messagesOf(set.id);
    expect(afterFailure.map((m) => [m.channel, m.status, m.providerId])).toEqual([["sms", "sending", null]]);

    // The retry (a new execution over the same database) sends the queued SMS once, and every later rule once.
    const retry = await engine(set.id, twilioAndOutbox).execute({ steps: sleepMocks() });
    expect(retry.error).toBeUndefined();
    expect(retry.result).toMatchObject({ outcome: "expired" });
    const smsSent = fake.accepted.slice(acceptedBefore);
    expect(smsSent).toHaveLength(2); // rule 0 and rule 1 texts, each once
    const rows = await messagesOf(set.id);
    expect(rows).toHaveLength(4);
    expect(
      rows.filter((m) => m.channel === "sms").every((m) => m.status === "sent" && m.providerId?.startsWith("SM")),
    ).toBe(true);

    // A third run (a duplicate event) sends nothing more.
    await database.db
      .update(invoiceSets)
      .set({ status: "active", sequenceStep: 0 })
      .where(and(eq(invoiceSets.id, set.id)));
    await engine(set.id, twilioAndOutbox).execute({ steps: sleepMocks() });
    expect(fake.accepted.slice(acceptedBefore)).toHaveLength(2);
    expect(await messagesOf(set.id)).toHaveLength(4);
  });

  test("Will Fail when no channel of the next rule works; one working channel sends alone", async () => {
    const { createTestPatient } = await import("../support/fixtures");
    const noContact = await createTestPatient(database.db, clinic.clinicId, { phone: null, email: null });
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: noContact.id });
    const { result } = await engine(set.id).execute({ steps: sleepMocks() });
    expect(result).toMatchObject({ outcome: "will_fail" });
    expect(await setRow(set.id)).toMatchObject({
      status: "will_fail",
      statusReason: "No phone number on file · No email address on file",
    });
    expect(await messagesOf(set.id)).toEqual([]);

    const emailOnly = await createTestPatient(database.db, clinic.clinicId, { phone: null });
    const set2 = await createTestInvoiceSet(database.db, clinic, { patientId: emailOnly.id });
    const second = await engine(set2.id).execute({ steps: sleepMocks() });
    // Rule 0 goes by email alone; rule 1 is SMS only, so the set becomes Will Fail there.
    expect(second.result).toMatchObject({ outcome: "will_fail", sentSteps: [0] });
    expect((await messagesOf(set2.id)).map((m) => m.channel)).toEqual(["email"]);
    const notes = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.invoiceSetId, set2.id), eq(timelineEvents.kind, "note")));
    expect(notes[0]?.summary).toBe("Text skipped (No phone number on file); sent by Email only");
  });
});
