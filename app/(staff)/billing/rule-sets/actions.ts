"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { archiveRuleSet } from "@/lib/rule-sets/archive-rule-set";
import { clinicSample } from "@/lib/rule-sets/clinic-sample";
import { duplicateRuleSet } from "@/lib/rule-sets/duplicate-rule-set";
import { makeDefaultRuleSet } from "@/lib/rule-sets/make-default-rule-set";
import { saveRuleSet } from "@/lib/rule-sets/save-rule-set";
import { ruleSetInputSchema } from "@/lib/rule-sets/validate-rule-set";

const saveInput = ruleSetInputSchema.extend({
  id: z.uuid().optional(),
  ruleIds: z.array(z.uuid().nullable()).optional(),
});
const idInput = z.object({ id: z.uuid() });

export const saveRuleSetAction = staffAction(
  { permission: "rule-sets:write", input: saveInput },
  async (input, staff) => {
    const { db } = await getDb();
    const { id, ...rest } = input;
    const saved = await saveRuleSet(db, {
      clinicId: staff.clinicId,
      actor: staff.actor,
      id,
      input: rest,
      sample: await clinicSample(db, staff.clinicId),
    });
    revalidatePath("/billing/rule-sets");
    return saved;
  },
);

export const duplicateRuleSetAction = staffAction(
  { permission: "rule-sets:write", input: idInput },
  async ({ id }, staff) => {
    const { db } = await getDb();
    const copy = await duplicateRuleSet(db, { clinicId: staff.clinicId, actor: staff.actor, id });
    revalidatePath("/billing/rule-sets");
    return copy;
  },
);

export const archiveRuleSetAction = staffAction(
  { permission: "rule-sets:write", input: idInput },
  async ({ id }, staff) => {
    const { db } = await getDb();
    const result = await archiveRuleSet(db, { clinicId: staff.clinicId, actor: staff.actor, id });
    revalidatePath("/billing/rule-sets");
    return result;
  },
);

export const makeDefaultRuleSetAction = staffAction(
  { permission: "rule-sets:write", input: idInput },
  async ({ id }, staff) => {
    const { db } = await getDb();
    const result = await makeDefaultRuleSet(db, { clinicId: staff.clinicId, actor: staff.actor, id });
    revalidatePath("/billing/rule-sets");
    return result;
  },
);
