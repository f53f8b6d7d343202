import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, messages, outreachEngineState, outreachJobs, patients, webhookReceipts } from "@/db/schema";
import { invoiceSetActivated } from "@/inngest/events";
import { createResendFunction, createRetryFunction } from "@/inngest/functions/retry-temporary-failure";
import {
  createSequenceFunction,
  MAX_SLEEP_MS,
  planStepBody,
  runSequence,
  type StepTools,
} from "@/inngest/functions/run-invoice-set-sequence";
import { createSendRuleFunction } from "@/inngest/functions/send-outreach-rule";
import { enqueueEvents } from "@/inngest/local/job-store";
import { runDueWork } from "@/inngest/local/run-due-work";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { sendPlannedRule } from "@/lib/outreach/send-planned-rule";
import { outboxTransport, type Transports } from "@/lib/providers/transport";
import { twilioTransport } from "@/lib/providers/twilio";
import { handleTwilioStatus } from "@/lib/webhooks/twilio-status";
import { type FakeProviders, startFakeProviders } from "../support/fake-providers";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { holdCrons } from "../support/hold-crons";
import { engineOptions } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let fake: FakeProviders;
let transports: Transports;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Compliance Clinic");
  // Every hour of every day, so these tests don't depend on when they run.
  await database.db
    .update(clinics)
    .set({ sendWindowStartMinute: 0, sendWindowEndMinute: 1440, sendDays: [1, 2, 3, 4, 5, 6, 7] })
    .where(eq(clinics.id, clinic.clinicId));
  fake = await startFakeProviders();
  transports = {
    sms: twilioTransport({
      accountSid: "AC00000000000000000000000000000003",
      authToken: "token",
      fromNumber: "+12025550100",
      statusCallbackUrl: "http://localhost:3000/api/webhooks/twilio/status",
      apiOrigin: fake.origin,
    }),
    email: outboxTransport,
  };
  await holdCrons(database.db);
});
afterAll(async () => {
  await database.db.delete(outreachEngineState);
  await fake.close();
});

/** Texts created at the fake Twilio for one number. */
const textsTo = (phone: string) =>
  fake.accepted.filter((r) => r.path.endsWith("/Messages.json") && new URLSearchParams(r.body).get("To") === phone);

async function messageOf(setId: string, channel: "sms" | "email") {
  const [row] = await database.db
    .select()
    .from(messages)
    .where(and(eq(messages.invoiceSetId, setId), eq(messages.channel, channel)));
  return row;
}

describe("B2: no double text after a timeout", () => {
  test("Twilio takes the text but the answer never comes: the retry finds it, exactly one provider call", async () => {
    const phone = "+12025550181";
    const patient = await createTestPatient(database.db, clinic.clinicId, { phone });
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id });
    const now = new Date();
    // Runs other files left due go first, so the hang below is this text's.
    await runDueWork(database.db, engineOptions({ now, transports: () => transports }));
    await enqueueEvents(
      database.db,
      [invoiceSetActivated.create({ clinicId: clinic.clinicId, invoiceSetId: set.id })],
      now,
    );
    fake.hangAfterAccepting(1);
    await runDueWork(database.db, engineOptions({ now, transports: () => transports }));
    expect(await messageOf(set.id, "sms")).toMatchObject({ status: "sending", providerId: null });

    // The failed run is tried again (after its backoff): it asks Twilio before sending.
    await runDueWork(
      database.db,
      engineOptions({ now: new Date(now.getTime() + 60_000), transports: () => transports }),
    );
    expect(textsTo(phone)).toHaveLength(1);
    const sms = await messageOf(set.id, "sms");
    expect(sms?.status).toBe("sent");
    expect(sms?.providerId).toMatch(/^SM/);
    expect((await messageOf(set.id, "email"))?.status).toBe("sent");
  });
});

describe("B6: delivery receipts are never lost", () => {
  test("a receipt before the provider id is saved is matched by the message id in its URL", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const [row] = await database.db
      .insert(messages)
      .values({
        clinicId: clinic.clinicId,
        invoiceSetId: set.id,
        ruleId: clinic.ruleIds[0],
        stepIndex: 0,
        channel: "sms",
        transport: "twilio",
        destination: "+12025550143",
        body: "Hi",
        status: "sending",
        attemptedAt: new Date(),
      })
      .returning();
    const id = row?.id ?? "";
    const outcome = await handleTwilioStatus(
      database.db,
      { MessageSid: "SMearly0001", MessageStatus: "delivered" },
      new Date(),
      `${id}`,
    );
    expect(outcome).toBe("applied");
    const [after] = await database.db.select().from(messages).where(eq(messages.id, id));
    expect(after).toMatchObject({ status: "delivered", providerId: "SMearly0001" });
  });

  test("a receipt for a message we can't match is not marked handled, so its redelivery applies", async () => {
    const params = { MessageSid: "SMlater0001", MessageStatus: "delivered" };
    expect(await handleTwilioStatus(database.db, params)).toBe("unknown_message");
    const claimed = await database.db
      .select()
      .from(webhookReceipts)
      .where(eq(webhookReceipts.eventKey, "status:SMlater0001:delivered"));
    expect(claimed).toEqual([]);

    const set = await createTestInvoiceSet(database.db, clinic);
    await database.db.insert(messages).values({
      clinicId: clinic.clinicId,
      invoiceSetId: set.id,
      ruleId: clinic.ruleIds[0],
      stepIndex: 0,
      channel: "sms",
      transport: "twilio",
      destination: "+12025550143",
      body: "Hi",
      status: "sent",
      providerId: "SMlater0001",
    });
    expect(await handleTwilioStatus(database.db, params)).toBe("applied");
  });
});

describe("B7: limits", () => {
  test("an SMS refused for good at send time still lets that rule's email go", async () => {
    const phone = "+12025550182";
    const patient = await createTestPatient(database.db, clinic.clinicId, { phone });
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id });
    fake.failNext(1, 400, 21211);
    const result = await sendPlannedRule(
      database.db,
      { transports, stripe: null },
      { clinicId: clinic.clinicId, invoiceSetId: set.id, stepIndex: 0, cycle: 0, ruleId: clinic.ruleIds[0] ?? "" },
      new Date(),
    );
    expect(result).toMatchObject({ kind: "sent", channels: ["email"], skipped: ["sms"] });
    expect(await messageOf(set.id, "sms")).toMatchObject({ status: "failed", errorCode: "21211" });
    expect((await messageOf(set.id, "email"))?.status).toBe("sent");
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.phoneUnusableReason).toBe("Phone number is not valid (Twilio 21211)");
  });

  test("a text whose real values need too many segments is caught at send time; the email still goes", async () => {
    const phone = "+12025550183";
    const patient = await createTestPatient(database.db, clinic.clinicId, { phone, firstName: "Zoë 🌟".repeat(30) });
    const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id });
    const result = await sendPlannedRule(
      database.db,
      { transports, stripe: null },
      { clinicId: clinic.clinicId, invoiceSetId: set.id, stepIndex: 0, cycle: 0, ruleId: clinic.ruleIds[0] ?? "" },
      new Date(),
    );
    expect(result).toMatchObject({ kind: "sent", channels: ["email"] });
    expect(textsTo(phone)).toHaveLength(0);
    const sms = await messageOf(set.id, "sms");
    expect(sms?.status).toBe("failed");
    expect(sms?.errorMessage).toMatch(/would need \d+ SMS segments \(UCS-2\); the limit is 3/);
    const [p] = await database.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(p?.phoneUnusableReason).toBeNull();
  });

  test("a long expiry is slept in parts below Inngest's sleep limit", async () => {
    const set = await createTestInvoiceSet(database.db, clinic, { sequenceStep: 3 });
    const sleeps: [string, string][] = [];
    const step: StepTools = {
      run: (_id, fn) => fn().then((value) => JSON.parse(JSON.stringify(value))),
      plan: (_id, ref) => planStepBody(ref, deps),
      sleepUntil: async (id, time) => {
        sleeps.push([id, time]);
      },
      sendRule: async () => ({ kind: "stop", reason: "unused" }),
    };
    const deps = {
      db: async () => database.db,
      transports: () => transports,
      now: () => new Date(),
      stripe: () => null,
    };
    await runSequence({ clinicId: clinic.clinicId, invoiceSetId: set.id }, step, deps);
    expect(sleeps.length).toBeGreaterThan(1);
    expect(sleeps.at(-1)?.[0]).toBe("wait-expiry-0");
    const times = [Date.now(), ...sleeps.map(([, time]) => Date.parse(time))];
    for (let i = 1; i < times.length; i += 1)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeLessThanOrEqual(MAX_SLEEP_MS + 1000);
  });

  test("the retry's throttle is on the resend after the wait, not on the run's start", () => {
    const deps = {
      db: async () => database.db,
      transports: () => transports,
      now: () => new Date(),
      stripe: () => null,
    };
    const resend = createResendFunction(deps);
    expect(createRetryFunction(deps, resend).opts.throttle).toBeUndefined();
    expect(resend.opts.throttle).toEqual({ key: "event.data.clinicId", limit: 60, period: "1m" });
  });
});

describe("B4: one run per set", () => {
  test("Inngest: a new activation cancels the sleeping run (singleton, cancel mode)", () => {
    const deps = {
      db: async () => database.db,
      transports: () => transports,
      now: () => new Date(),
      stripe: () => null,
    };
    const fn = createSequenceFunction(deps, createSendRuleFunction(deps));
    expect(fn.opts.singleton).toEqual({ key: "event.data.invoiceSetId", mode: "cancel" });
  });

  test("local: a second activation replaces the waiting run; one live run per set", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const event = invoiceSetActivated.create({ clinicId: clinic.clinicId, invoiceSetId: set.id });
    await enqueueEvents(database.db, [event], new Date());
    await enqueueEvents(database.db, [event], new Date());
    const runs = await database.db
      .select()
      .from(outreachJobs)
      .where(and(eq(outreachJobs.functionId, FUNCTION_IDS.sequence), eq(outreachJobs.singletonKey, set.id)));
    expect(runs.filter((r) => r.finishedAt === null)).toHaveLength(1);
    expect(runs.filter((r) => r.outcome === "replaced")).toHaveLength(1);
  });
});
