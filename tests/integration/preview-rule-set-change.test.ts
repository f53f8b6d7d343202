import { beforeAll, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { type patients, ruleSets, rules } from "@/db/schema";
import { previewRuleSetChange } from "@/lib/invoice-sets/preview-rule-set-change";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let otherRuleSetId: string;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  const [other] = await database.db
    .insert(ruleSets)
    .values({ clinicId: clinic.clinicId, title: "Quick", expiryDays: 10 })
    .returning({ id: ruleSets.id });
  if (!other) throw new Error("no rule set");
  otherRuleSetId = other.id;
  await database.db.insert(rules).values([
    {
      clinicId: clinic.clinicId,
      ruleSetId: other.id,
      delayDays: 0,
      channels: ["sms", "email"],
      title: "Hello",
      template: "Hi {{pay_link}}",
    },
    {
      clinicId: clinic.clinicId,
      ruleSetId: other.id,
      delayDays: 5,
      channels: ["email"],
      title: "Nudge",
      template: "Hi {{pay_link}}",
    },
  ]);
});

async function setFor(contact: Partial<typeof patients.$inferInsert>, overrides = {}) {
  const patient = await createTestPatient(database.db, clinic.clinicId, contact);
  return (await createTestInvoiceSet(database.db, clinic, { patientId: patient.id, ...overrides })).id;
}

test("the preview counts who switches, who is skipped and who each step reaches", async () => {
  const ids = [
    await setFor({ phone: "+12025550101", email: "a@example.com" }),
    await setFor({ smsOptedOutAt: new Date("2026-10-01T12:00:00Z"), email: "b@example.com" }),
    await setFor({ phone: null, email: null }),
    await setFor({ phone: "+12025550104", email: "d@example.com" }, { status: "paid" }),
    await setFor({ phone: "+12025550105", email: "e@example.com" }, { ruleSetId: otherRuleSetId }),
  ];
  const preview = await previewRuleSetChange(database.db, {
    clinicId: clinic.clinicId,
    ruleSetId: otherRuleSetId,
    selection: { kind: "ids", ids },
    timeZone: "America/New_York",
    now: new Date("2026-11-28T03:00:00Z"), // still Nov 27 in New York
  });
  expect(preview).toEqual({
    ruleSetTitle: "Quick",
    changing: 3,
    skippedClosed: 1,
    skippedAlready: 1,
    steps: [
      {
        title: "Hello",
        sendOn: "2026-11-27",
        channels: [
          { channel: "sms", sending: 1, skippedOptedOut: 1, skippedNoContact: 1 },
          { channel: "email", sending: 2, skippedOptedOut: 0, skippedNoContact: 1 },
        ],
      },
      {
        title: "Nudge",
        sendOn: "2026-12-02",
        channels: [{ channel: "email", sending: 2, skippedOptedOut: 0, skippedNoContact: 1 }],
      },
    ],
  });
});

test('a filter selection ("select all matching") goes through the table\'s own WHERE', async () => {
  const preview = await previewRuleSetChange(database.db, {
    clinicId: clinic.clinicId,
    ruleSetId: otherRuleSetId,
    selection: { kind: "filter", filters: { status: ["active"] } },
    timeZone: "America/New_York",
    now: new Date(),
  });
  // The active sets of the first test: three switch, one is already on "Quick".
  expect([preview.changing, preview.skippedClosed, preview.skippedAlready]).toEqual([3, 0, 1]);
});

test("another clinic's sets are not counted and its rule set is refused", async () => {
  const other = await createTestClinic(database.db, "Other");
  const foreign = (await createTestInvoiceSet(database.db, other)).id;
  const preview = await previewRuleSetChange(database.db, {
    clinicId: clinic.clinicId,
    ruleSetId: otherRuleSetId,
    selection: { kind: "ids", ids: [foreign] },
    timeZone: "America/New_York",
    now: new Date(),
  });
  expect([preview.changing, preview.skippedClosed, preview.skippedAlready]).toEqual([0, 0, 0]);
  await expect(
    previewRuleSetChange(database.db, {
      clinicId: clinic.clinicId,
      ruleSetId: other.ruleSetId,
      selection: { kind: "ids", ids: [foreign] },
      timeZone: "America/New_York",
      now: new Date(),
    }),
  ).rejects.toThrow("That rule set was not found or is archived.");
});
