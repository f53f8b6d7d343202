import { TZDate } from "@date-fns/tz";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, invoiceSets, messages, patientLinks, patients } from "@/db/schema";
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
