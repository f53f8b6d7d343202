import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, messages, ruleSets, rules } from "@/db/schema";
import { archiveRuleSet } from "@/lib/rule-sets/archive-rule-set";
import { duplicateRuleSet } from "@/lib/rule-sets/duplicate-rule-set";
import { makeDefaultRuleSet } from "@/lib/rule-sets/make-default-rule-set";
import { saveRuleSet } from "@/lib/rule-sets/save-rule-set";
import { sampleTemplateValues } from "@/lib/rule-sets/template";
import type { RuleInput, RuleSetInput } from "@/lib/rule-sets/validate-rule-set";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let other: TestClinic;
const sample = sampleTemplateValues({ name: "Rule Clinic", phone: "+12025550100" }, "https://billing.example.com");

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Rule Clinic");
  other = await createTestClinic(database.db, "Other Clinic");
});

const admin = () => ({ kind: "user" as const, userId: clinic.users.admin.id });
const statement: RuleInput = {
  delayDays: 0,
  channels: ["email"],
  chargeCard: false,
  title: "Statement",
  template: "Hi {{first_name}}: {{pay_link}}",
};
const reminder: RuleInput = {
  delayDays: 10,
  channels: ["sms"],
  chargeCard: false,
  title: "Reminder",
  template: "Reminder from {{clinic_name}}: {{pay_link}}",
};
const input: RuleSetInput = {
  title: "Gentle",
  description: "Email first",
  expiryDays: 20,
  rules: [statement, reminder],
};

async function audits(entityId: string) {
  return database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "rule_set"), eq(auditLog.entityId, entityId)));
}

describe("rule sets", () => {
  test("create, then edit in place: rule ids kept, days swapped, audited", async () => {
    const { id } = await saveRuleSet(database.db, { clinicId: clinic.clinicId, actor: admin(), input, sample });
    const created = await database.db.select().from(rules).where(eq(rules.ruleSetId, id));
    const day0 = created.find((r) => r.delayDays === 0);
    const day10 = created.find((r) => r.delayDays === 10);
    await saveRuleSet(database.db, {
      clinicId: clinic.clinicId,
      actor: admin(),
      id,
      input: {
        ...input,
        rules: [
          { ...reminder, delayDays: 0 },
          { ...statement, delayDays: 10 },
        ],
        ruleIds: [day10?.id ?? null, day0?.id ?? null],
      },
      sample,
    });
    const after = await database.db.select().from(rules).where(eq(rules.ruleSetId, id));
    expect(after.find((r) => r.id === day10?.id)?.delayDays).toBe(0);
    expect(after.find((r) => r.id === day0?.id)?.delayDays).toBe(10);
    expect((await audits(id)).map((a) => a.action).sort()).toEqual(["rule_set.create", "rule_set.update"]);
  });

  test("invalid input changes nothing and names the problem", async () => {
    const bad = { ...input, expiryDays: 10, rules: [{ ...statement, template: "Hi {{name}}" }, reminder] };
    const attempt = saveRuleSet(database.db, { clinicId: clinic.clinicId, actor: admin(), input: bad, sample });
    await expect(attempt).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: {
        "rules.0.template": [expect.stringMatching(/^Unknown variable \{\{name\}\}/)],
        expiryDays: ["Expiry must be at least 1 day after the last rule (day 10), so day 11 or later."],
      },
    });
  });

  test("a rule that already sent messages can't be removed", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    await database.db.insert(messages).values({
      clinicId: clinic.clinicId,
      invoiceSetId: set.id,
      ruleId: clinic.ruleIds[2],
      stepIndex: 2,
      channel: "email",
      transport: "outbox",
      destination: "a@b.c",
      body: "x",
    });
    const current = await database.db.select().from(rules).where(eq(rules.ruleSetId, clinic.ruleSetId));
    const keep = current.filter((r) => r.id !== clinic.ruleIds[2]);
    const attempt = saveRuleSet(database.db, {
      clinicId: clinic.clinicId,
      actor: admin(),
      id: clinic.ruleSetId,
      input: {
        title: "Standard",
        description: "",
        expiryDays: 30,
        rules: keep.map(({ delayDays, channels, chargeCard, title, template }) => ({
          delayDays,
          channels,
          chargeCard,
          title,
          template,
        })),
        ruleIds: keep.map((r) => r.id),
      },
      sample,
    });
    await expect(attempt).rejects.toThrow(/already sent messages/);
  });

  test("duplicate makes '(Copy)' with the same rules, not default", async () => {
    const copy = await duplicateRuleSet(database.db, {
      clinicId: clinic.clinicId,
      actor: admin(),
      id: clinic.ruleSetId,
    });
    expect(copy.title).toBe("Standard (Copy)");
    const [row] = await database.db.select().from(ruleSets).where(eq(ruleSets.id, copy.id));
    expect(row?.isDefault).toBe(false);
    expect(await database.db.select().from(rules).where(eq(rules.ruleSetId, copy.id))).toHaveLength(3);
  });

  test("archive refuses the default and one in use by an open set; one default per clinic", async () => {
    await expect(
      archiveRuleSet(database.db, { clinicId: clinic.clinicId, actor: admin(), id: clinic.ruleSetId }),
    ).rejects.toThrow('"Standard" is the default rule set. Make another one the default first.');
    const copy = await duplicateRuleSet(database.db, {
      clinicId: clinic.clinicId,
      actor: admin(),
      id: clinic.ruleSetId,
    });
    await createTestInvoiceSet(database.db, clinic, { ruleSetId: copy.id });
    await expect(
      archiveRuleSet(database.db, { clinicId: clinic.clinicId, actor: admin(), id: copy.id }),
    ).rejects.toThrow('"Standard (Copy)" is used by 1 open invoice set. Change their rule set first.');
    await makeDefaultRuleSet(database.db, { clinicId: clinic.clinicId, actor: admin(), id: copy.id });
    const defaults = await database.db
      .select()
      .from(ruleSets)
      .where(and(eq(ruleSets.clinicId, clinic.clinicId), eq(ruleSets.isDefault, true)));
    expect(defaults.map((d) => d.id)).toEqual([copy.id]);
  });

  test("another clinic's rule set is not found", async () => {
    await expect(
      duplicateRuleSet(database.db, { clinicId: clinic.clinicId, actor: admin(), id: other.ruleSetId }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
