import { TZDate } from "@date-fns/tz";
import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, invoiceSets, messages, outreachEngineState, outreachJobs, timelineEvents } from "@/db/schema";
import { invoiceSetActivated, invoiceSetStopped } from "@/inngest/events";
import { enqueueEvents } from "@/inngest/local/job-store";
import { runDueWork } from "@/inngest/local/run-due-work";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { runUseCase } from "@/lib/events/run-use-case";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { holdCrons } from "../support/hold-crons";
import { engineOptions } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

// The local engine under a fake clock: every pass is runDueWork(db, now) at a chosen moment; no timers.
let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Local Engine Clinic");
  await holdCrons(database.db);
});
afterAll(async () => {
  await database.db.delete(outreachEngineState);
});

const pass = (now: Date) => runDueWork(database.db, engineOptions({ now }));

/** When the set's live sequence run is due next, or null when it has none. */
async function nextRunOf(setId: string): Promise<Date | null> {
  const [job] = await database.db
    .select({ runAt: outreachJobs.runAt })
    .from(outreachJobs)
    .where(
      and(
        eq(outreachJobs.functionId, FUNCTION_IDS.sequence),
        eq(outreachJobs.singletonKey, setId),
        isNull(outreachJobs.finishedAt),
      ),
    );
  return job ? job.runAt : null;
}

/** Runs the engine at each moment the set's run asks for, until it has none (or `until`). */
async function runSet(setId: string, from: Date, until?: Date) {
  let now = from;
  for (let i = 0; i < 40; i += 1) {
    await pass(now);
    const next = await nextRunOf(setId);
    if (!next || (until && next > until)) return;
    now = new Date(Math.max(next.getTime(), now.getTime()));
  }
  throw new Error("the run never finished");
}

async function activate(setId: string, now: Date) {
  await enqueueEvents(
    database.db,
    [invoiceSetActivated.create({ clinicId: clinic.clinicId, invoiceSetId: setId })],
    now,
  );
}

async function messagesOf(setId: string) {
  return database.db
    .select()
    .from(messages)
    .where(eq(messages.invoiceSetId, setId))
    .orderBy(asc(messages.stepIndex), asc(messages.channel));
}

async function setRow(setId: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, setId));
  return row;
}

const local = (at: Date | null, zone: string) => {
  const d = new TZDate((at ?? new Date(0)).getTime(), zone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
};

describe("local engine (fake clock)", () => {
  test("a whole rule set runs to Expired: each rule once, inside the window, in order", async () => {
    // Monday 2030-01-07 10:00 in New York.
    const start = new Date("2030-01-07T15:00:00Z");
    const set = await createTestInvoiceSet(database.db, clinic, { sequenceStartedAt: start });
    await activate(set.id, start);
    await runSet(set.id, start);

    expect(await setRow(set.id)).toMatchObject({ status: "expired", sequenceStep: 3, nextSendAt: null });
    const sent = await messagesOf(set.id);
    expect(sent.map((m) => [m.stepIndex, m.channel, m.status, local(m.sentAt, "America/New_York")])).toEqual([
      [0, "sms", "sent", "2030-01-07 10:00"],
      [0, "email", "sent", "2030-01-07 10:00"],
      [1, "sms", "sent", "2030-01-14 10:00"],
      [2, "email", "sent", "2030-01-21 10:00"],
    ]);
    const timeline = await database.db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, set.id));
    expect(timeline.filter((e) => e.kind === "message_sent")).toHaveLength(4);
    expect(timeline.some((e) => e.summary.startsWith("Expired"))).toBe(true);
  });

  test("a payment in full mid-sequence stops it and no reminder follows", async () => {
    const start = new Date("2030-02-04T15:00:00Z");
    const set = await createTestInvoiceSet(database.db, clinic, { sequenceStartedAt: start });
    await activate(set.id, start);
    await runSet(set.id, start, new Date("2030-02-05T00:00:00Z"));
    expect((await messagesOf(set.id)).map((m) => m.stepIndex)).toEqual([0, 0]);

    // What a payment in full does: the set turns Paid and the stop event is published after commit.
    await runUseCase(database.db, async (tx) => {
      const paid = await transitionInvoiceSet(tx, {
        clinicId: clinic.clinicId,
        invoiceSetId: set.id,
        action: "balance_cleared",
        actor: { kind: "system" },
        changes: { amountOutstandingCents: 0 },
      });
      return {
        result: paid,
        events: [invoiceSetStopped.create({ clinicId: clinic.clinicId, invoiceSetId: set.id, reason: "paid" })],
      };
    });
    expect(await nextRunOf(set.id)).toBeNull();
    await pass(new Date("2030-03-20T15:00:00Z"));
    expect((await setRow(set.id))?.status).toBe("paid");
    expect((await messagesOf(set.id)).map((m) => m.stepIndex)).toEqual([0, 0]);
  });

  test("a wake-up that overshoots into the night sends the next morning, not at night", async () => {
    const start = new Date("2030-04-01T15:00:00Z"); // Monday 11:00 in New York
    const set = await createTestInvoiceSet(database.db, clinic, { sequenceStartedAt: start });
    await activate(set.id, start);
    await runSet(set.id, start, new Date("2030-04-02T00:00:00Z"));
    expect(local((await setRow(set.id))?.nextSendAt ?? null, "America/New_York")).toBe("2030-04-08 11:00");

    // The server was down: the engine only runs again at 23:30 that night.
    await pass(new Date("2030-04-09T03:30:00Z"));
    expect((await messagesOf(set.id)).filter((m) => m.stepIndex === 1)).toEqual([]);
    expect(local((await setRow(set.id))?.nextSendAt ?? null, "America/New_York")).toBe("2030-04-09 09:00");

    await runSet(set.id, new Date("2030-04-09T03:30:00Z"), new Date("2030-04-10T00:00:00Z"));
    const rule1 = (await messagesOf(set.id)).filter((m) => m.stepIndex === 1);
    expect(rule1.map((m) => local(m.sentAt, "America/New_York"))).toEqual(["2030-04-09 09:00"]);
  });

  test.each([
    // Saturday evening (outside the window) before each zone's DST change on Sunday.
    ["America/New_York", "2030-03-10T01:30:00Z", "2030-03-10 09:00"],
    ["Europe/London", "2030-03-30T21:30:00Z", "2030-03-31 09:00"],
    ["Australia/Sydney", "2030-04-06T11:30:00Z", "2030-04-07 09:00"],
  ])("DST edge in %s: the first message goes at 9:00 local on the change day", async (zone, startIso, expected) => {
    const everyDay = await createTestClinic(database.db, `DST ${zone}`);
    await database.db
      .update(clinics)
      .set({ sendDays: [1, 2, 3, 4, 5, 6, 7] })
      .where(eq(clinics.id, everyDay.clinicId));
    const patient = await createTestPatient(database.db, everyDay.clinicId, { timeZone: zone });
    const start = new Date(startIso);
    const set = await createTestInvoiceSet(database.db, everyDay, { patientId: patient.id, sequenceStartedAt: start });
    await enqueueEvents(
      database.db,
      [invoiceSetActivated.create({ clinicId: everyDay.clinicId, invoiceSetId: set.id })],
      start,
    );
    await runSet(set.id, start, new Date(start.getTime() + 2 * 86_400_000));
    const first = (await messagesOf(set.id)).filter((m) => m.stepIndex === 0);
    expect(first.map((m) => local(m.sentAt, zone))).toEqual([expected, expected]);
    // Rule 1 (day 7) keeps the wall-clock time across the change.
    const rule1At = new TZDate(start.getTime(), zone);
    expect(local((await setRow(set.id))?.nextSendAt ?? null, zone)).toBe(
      local(
        new Date(
          new TZDate(rule1At.getFullYear(), rule1At.getMonth(), rule1At.getDate() + 8, 9, 0, 0, 0, zone).getTime(),
        ),
        zone,
      ),
    );
  });

  test("runs taken side by side keep to the clinic's sends per minute; the rest wait for the next minute", async () => {
    const capped = await createTestClinic(database.db, "Capped Clinic");
    // Four messages a minute: two sets' first rule (a text and an email each).
    await database.db.update(clinics).set({ sendsPerMinute: 4 }).where(eq(clinics.id, capped.clinicId));
    const start = new Date("2030-06-03T15:00:00Z"); // Monday 11:00 in New York
    const newSet = () => createTestInvoiceSet(database.db, capped, { sequenceStartedAt: start });
    const sets = [await newSet(), await newSet(), await newSet()];
    await enqueueEvents(
      database.db,
      sets.map((set) => invoiceSetActivated.create({ clinicId: capped.clinicId, invoiceSetId: set.id })),
      start,
    );
    const cappedPass = (now: Date) => runDueWork(database.db, engineOptions({ now, concurrentRuns: 3 }));
    const sentCounts = async () => Promise.all(sets.map(async (set) => (await messagesOf(set.id)).length));

    await cappedPass(start);
    expect((await sentCounts()).sort()).toEqual([0, 2, 2]);
    // Within the minute the budget is still used up.
    await cappedPass(new Date(start.getTime() + 30_000));
    expect((await sentCounts()).sort()).toEqual([0, 2, 2]);
    await cappedPass(new Date(start.getTime() + 61_000));
    expect(await sentCounts()).toEqual([2, 2, 2]);
  });
});

describe("local engine crons", () => {
  const cronAt = async () =>
    Object.fromEntries((await database.db.select().from(outreachEngineState)).map((row) => [row.key, row.value.at]));

  test("a pass runs only the crons whose interval has passed, and records when it ran them", async () => {
    const now = new Date("2000-01-01T00:00:00.000Z");
    await holdCrons(database.db);
    // Prune runs daily; two days ago it last ran. At this "now" it finds no finished run old enough to drop.
    await database.db
      .update(outreachEngineState)
      .set({ value: { at: "1999-12-30T00:00:00.000Z" } })
      .where(eq(outreachEngineState.key, "cron:prune"));
    const held = await cronAt();
    try {
      await pass(now);
      expect(await cronAt()).toEqual({ ...held, "cron:prune": now.toISOString() });
      // An hour later nothing is due: every row stays as it is.
      await pass(new Date(now.getTime() + 3_600_000));
      expect(await cronAt()).toEqual({ ...held, "cron:prune": now.toISOString() });
    } finally {
      await holdCrons(database.db);
    }
  });
});
