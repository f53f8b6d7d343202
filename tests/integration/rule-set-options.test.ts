import { beforeAll, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { ruleSets, rules } from "@/db/schema";
import { listRuleSetOptions } from "@/lib/invoice-sets/rule-set-options";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

test("a rule set whose every rule only emails is marked email-only; one that texts is not", async () => {
  const [emailOnly] = await database.db
    .insert(ruleSets)
    .values({ clinicId: clinic.clinicId, title: "Email only", expiryDays: 30 })
    .returning({ id: ruleSets.id });
  if (!emailOnly) throw new Error("no rule set");
  await database.db.insert(rules).values(
    [0, 10].map((delayDays) => ({
      clinicId: clinic.clinicId,
      ruleSetId: emailOnly.id,
      delayDays,
      channels: ["email" as const],
      title: `Day ${delayDays}`,
      template: "Hi {{first_name}}: {{pay_link}}",
    })),
  );
  const options = await listRuleSetOptions(database.db, clinic.clinicId);
  expect(options.map(({ title, emailOnly }) => ({ title, emailOnly }))).toEqual([
    { title: "Email only", emailOnly: true },
    { title: "Standard", emailOnly: false },
  ]);
});
