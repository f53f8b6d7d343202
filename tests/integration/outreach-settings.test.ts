import { TZDate } from "@date-fns/tz";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, clinics, invoiceSets, messages, outreachEngineState } from "@/db/schema";
import { invoiceSetActivated } from "@/inngest/events";
import { enqueueEvents } from "@/inngest/local/job-store";
import { runDueWork } from "@/inngest/local/run-due-work";
import { outreachSettingsSchema } from "@/lib/clinics/outreach-settings-input";
import { updateOutreachSettings } from "@/lib/clinics/update-outreach-settings";
import { runUseCase } from "@/lib/events/run-use-case";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { holdCrons } from "../support/hold-crons";
import { engineOptions } from "../support/run-engine";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
const form = {
  sendWindowStart: "09:00",
  sendWindowEnd: "20:00",
  "sendDays[]": ["1", "2", "3", "4", "5", "6"],
  showAmountInMessages: "on",
  sendsPerMinute: "60",
};

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Settings Clinic");
  await holdCrons(database.db);
});
afterAll(async () => {
  await database.db.delete(outreachEngineState);
});

const errorsOf = (input: Record<string, unknown>) => {
  const parsed = outreachSettingsSchema.safeParse(input);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("outreach settings", () => {
  test("the window can't be wider than 8:00–21:00 unless any hour is allowed (testing only)", () => {
    expect(errorsOf({ ...form, sendWindowStart: "07:00" })).toEqual({
      sendWindowStart: "Messages can't start before 8:00 unless “Allow any hour (testing only)” is ticked.",
    });
    expect(errorsOf({ ...form, sendWindowEnd: "21:30" })).toEqual({
      sendWindowEnd: "Messages can't go after 21:00 unless “Allow any hour (testing only)” is ticked.",
    });
    expect(errorsOf({ ...form, sendWindowStart: "00:00", sendWindowEnd: "24:00", allowAnyHour: "on" })).toEqual({});
    expect(errorsOf({ ...form, sendWindowStart: "18:00", sendWindowEnd: "10:00" })).toEqual({
      sendWindowEnd: "The window must end after it starts.",
    });
    expect(errorsOf({ ...form, "sendDays[]": undefined })).toEqual({ "sendDays[]": "Choose at least one send day." });
    expect(errorsOf({ ...form, sendsPerMinute: "abc" })).toEqual({
      sendsPerMinute: "Enter a whole number of sends per minute.",
    });
  });

  test("saving re-plans every waiting sequence with the new window, and is audited", async () => {
    // Monday 21:30 in New York: outside 9:00–20:00, so the first message waits for Tuesday 9:00.
    const now = new Date("2030-05-07T01:30:00Z");
    const set = await createTestInvoiceSet(database.db, clinic, { sequenceStartedAt: now });
    await enqueueEvents(
      database.db,
      [invoiceSetActivated.create({ clinicId: clinic.clinicId, invoiceSetId: set.id })],
      now,
    );
    const pass = () => runDueWork(database.db, engineOptions({ now }));
    await pass();
    const [waiting] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(waiting?.nextSendAt?.toISOString()).toBe("2030-05-07T13:00:00.000Z");

    const input = outreachSettingsSchema.parse({
      ...form,
      sendWindowStart: "00:00",
      sendWindowEnd: "24:00",
      "sendDays[]": ["1", "2", "3", "4", "5", "6", "7"],
      allowAnyHour: "on",
    });
    const { result } = await runUseCase(database.db, (tx) =>
      updateOutreachSettings(tx, { clinicId: clinic.clinicId, actor: { kind: "system" }, input }),
    );
    expect(result.replanned).toBeGreaterThanOrEqual(1);
    await pass();
    const sent = await database.db.select().from(messages).where(eq(messages.invoiceSetId, set.id));
    const local = sent.map((m) => new TZDate((m.sentAt ?? new Date(0)).getTime(), "America/New_York").getHours());
    expect(local).toEqual([21, 21]);
    const [row] = await database.db.select().from(clinics).where(eq(clinics.id, clinic.clinicId));
    expect(row).toMatchObject({ sendWindowStartMinute: 0, sendWindowEndMinute: 1440, allowAnyHour: true });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, clinic.clinicId), eq(auditLog.action, "clinic.outreach_settings")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.before).toMatchObject({ sendWindowStartMinute: 540, allowAnyHour: false });
  });
});
