import { TZDate } from "@date-fns/tz";
import { and, asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, invoiceSets, messages, patientLinks, patients, rules, timelineEvents } from "@/db/schema";
import { channelProblem, predictDelivery } from "@/lib/outreach/predict-delivery";
import { patientTimeZone } from "@/lib/patients/patient-time-zone";
import { DEMO_SEEDED_AT, demoClinicId } from "../support/demo-seed";
import { testDatabase } from "../support/test-db";

// The demo tells the truth: what the Outbox and timelines show could really have happened.
const NOW = DEMO_SEEDED_AT;
let database: Database;
let rows: {
  message: typeof messages.$inferSelect;
  patient: typeof patients.$inferSelect;
  set: typeof invoiceSets.$inferSelect;
}[];
let clinic: typeof clinics.$inferSelect;

beforeAll(async () => {
  database = await testDatabase();
  const clinicId = await demoClinicId(database);
  const [row] = await database.db.select().from(clinics).where(eq(clinics.id, clinicId));
  if (!row) throw new Error("no clinic");
  clinic = row;
  rows = await database.db
    .select({ message: messages, patient: patients, set: invoiceSets })
    .from(messages)
    .innerJoin(invoiceSets, eq(invoiceSets.id, messages.invoiceSetId))
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .where(eq(messages.clinicId, clinicId));
}, 120_000);

describe("demo outreach data", () => {
  test("there is outreach to look at", () => {
    expect(rows.length).toBeGreaterThan(50);
    expect(new Set(rows.map((r) => r.message.channel))).toEqual(new Set(["sms", "email"]));
  });

  test("every body is rendered: no {{…}} and a working patient link", async () => {
    const hashes = new Set(
      (await database.db.select({ hash: patientLinks.tokenHash }).from(patientLinks)).map((l) => l.hash),
    );
    for (const { message } of rows) {
      expect(message.body).not.toMatch(/\{\{|\}\}/);
      expect(message.body).toMatch(/http:\/\/localhost:3000\/p\/[A-Za-z0-9_-]{43}/);
    }
    expect(hashes.size).toBeGreaterThan(0);
  });

  test("every text has a number and every email an address", () => {
    for (const { message } of rows) {
      if (message.channel === "sms") expect(message.destination).toMatch(/^\+\d{6,15}$/);
      else expect(message.destination).toMatch(/^[^@\s]+@[^@\s]+$/);
    }
  });

  test("every sent time is in the past, inside the patient's send window, and before the set closed", () => {
    for (const { message, patient, set } of rows) {
      const sentAt = message.sentAt;
      expect(sentAt).not.toBeNull();
      if (!sentAt) continue;
      expect(sentAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      const local = new TZDate(sentAt, patientTimeZone(patient, clinic));
      const minute = local.getHours() * 60 + local.getMinutes();
      expect(minute).toBeGreaterThanOrEqual(clinic.sendWindowStartMinute);
      expect(minute).toBeLessThan(clinic.sendWindowEndMinute);
      expect(clinic.sendDays).toContain(local.getDay() === 0 ? 7 : local.getDay());
      if (set.closedAt) expect(sentAt.getTime()).toBeLessThanOrEqual(set.closedAt.getTime());
    }
  });

  test("delivery results follow the patient's contact facts", () => {
    for (const { message, patient } of rows) {
      if (message.channel === "sms" && patient.smsOptedOutAt) {
        expect(message.sentAt?.getTime()).toBeLessThan(patient.smsOptedOutAt.getTime());
      }
      if (message.channel === "sms" && patient.phoneIsLandline) {
        expect([message.status, message.errorCode]).toEqual(["undelivered", "30006"]);
      }
      if (message.channel === "email" && patient.emailUndeliverableAt) expect(message.status).toBe("bounced");
      if (message.status === "delivered") expect(message.deliveredAt).toEqual(message.sentAt);
    }
  });
});

describe("demo patient visits", () => {
  test("a link is opened and identity confirmed only after a message went out, and before a paid set closed", async () => {
    const visits = await database.db
      .select({ event: timelineEvents, set: invoiceSets })
      .from(timelineEvents)
      .innerJoin(invoiceSets, eq(invoiceSets.id, timelineEvents.invoiceSetId))
      .where(
        and(eq(timelineEvents.clinicId, clinic.id), inArray(timelineEvents.kind, ["link_opened", "identity_check"])),
      );
    expect(visits.some(({ event }) => event.kind === "link_opened")).toBe(true);
    expect(visits.some(({ event }) => event.summary.startsWith("Identity confirmed"))).toBe(true);
    for (const { event, set } of visits) {
      const firstSent = Math.min(
        ...rows.filter((r) => r.set.id === set.id).map((r) => r.message.sentAt?.getTime() ?? Number.POSITIVE_INFINITY),
      );
      expect(event.occurredAt.getTime()).toBeGreaterThan(firstSent);
      expect(event.occurredAt.getTime()).toBeLessThan(NOW.getTime());
      if (set.closedAt) expect(event.occurredAt.getTime()).toBeLessThan(set.closedAt.getTime());
    }
  });
});

describe("demo Will Fail and Failed sets", () => {
  let sets: { set: typeof invoiceSets.$inferSelect; patient: typeof patients.$inferSelect }[];
  beforeAll(async () => {
    sets = await database.db
      .select({ set: invoiceSets, patient: patients })
      .from(invoiceSets)
      .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
      .where(and(eq(invoiceSets.clinicId, clinic.id), inArray(invoiceSets.status, ["will_fail", "failed"])));
  });
  const messagesOf = (setId: string) => rows.filter((r) => r.set.id === setId).map((r) => r.message);
  const statusLines = async (setId: string) =>
    (
      await database.db
        .select({ summary: timelineEvents.summary })
        .from(timelineEvents)
        .where(and(eq(timelineEvents.invoiceSetId, setId), eq(timelineEvents.kind, "status_change")))
    ).map((event) => event.summary);

  test("Failed: a message really failed, and the reason is the engine's for that channel, with the real date", async () => {
    const failed = sets.filter((s) => s.set.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    const reasons = new Set<string>();
    for (const { set, patient } of failed) {
      const sent = messagesOf(set.id).sort((a, b) => (a.sentAt?.getTime() ?? 0) - (b.sentAt?.getTime() ?? 0));
      const failure = sent.find((m) => m.status !== "delivered");
      expect(failure, `set ${set.id} is Failed without a failed message`).toBeDefined();
      if (!failure?.sentAt) continue;
      expect(set.statusReason).toBe(channelProblem(failure.channel, patient, clinic.timeZone));
      if (failure.channel === "sms") expect([failure.status, failure.errorCode]).toEqual(["undelivered", "30006"]);
      else expect(patient.emailUndeliverableAt).toEqual(failure.sentAt);
      // Outreach stopped at the failure.
      for (const m of sent) expect(m.sentAt?.getTime()).toBeLessThanOrEqual(failure.sentAt.getTime());
      expect(await statusLines(set.id)).toContain(`Failed: ${set.statusReason}`);
      reasons.add(set.statusReason?.replace(/on [A-Z][a-z]{2} \d{1,2}$/, "on <day>") ?? "");
    }
    expect([...reasons].sort()).toEqual(["Email bounced on <day>", "Number is a landline (30006)"]);
  });

  test("Will Fail: the next rule can reach the patient on no channel, for the reason the row and timeline give", async () => {
    const willFail = sets.filter((s) => s.set.status === "will_fail");
    expect(willFail.length).toBeGreaterThan(0);
    const ruleRows = await database.db
      .select()
      .from(rules)
      .where(eq(rules.clinicId, clinic.id))
      .orderBy(asc(rules.delayDays));
    for (const { set, patient } of willFail) {
      const next = ruleRows.filter((rule) => rule.ruleSetId === set.ruleSetId)[set.sequenceStep];
      if (!next) throw new Error(`set ${set.id} has no next rule`);
      const prediction = predictDelivery(next.channels, patient, { timeZone: clinic.timeZone, hasCardOnFile: false });
      expect(prediction.willFail).toBe(true);
      expect(set.statusReason).toBe(prediction.reason);
      expect(await statusLines(set.id)).toContain(`Will Fail: ${set.statusReason}`);
      expect(messagesOf(set.id).every((m) => m.status === "delivered")).toBe(true);
    }
  });
});
