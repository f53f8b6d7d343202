import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { ruleSets, rules } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { lockRuleSet } from "./lock-rule-set";

/** A copy titled "… (Copy)", never the default, with the same rules. */
export async function duplicateRuleSet(
  db: Db,
  params: { clinicId: string; actor: Actor; id: string },
): Promise<{ id: string; title: string }> {
  return db.transaction(async (tx) => {
    const source = await lockRuleSet(tx, params.clinicId, params.id);
    const title = `${source.title} (Copy)`;
    const [copy] = await tx
      .insert(ruleSets)
      .values({ clinicId: params.clinicId, title, description: source.description, expiryDays: source.expiryDays })
      .returning({ id: ruleSets.id });
    if (!copy)
      throw new AppError(
        "unavailable",
        "The copy of the rule set could not be saved. Nothing was changed; please try again.",
      );
    const sourceRules = await tx.select().from(rules).where(eq(rules.ruleSetId, source.id));
    if (sourceRules.length > 0) {
      await tx.insert(rules).values(
        sourceRules.map(({ delayDays, channels, chargeCard, title: t, template }) => ({
          clinicId: params.clinicId,
          ruleSetId: copy.id,
          delayDays,
          channels,
          chargeCard,
          title: t,
          template,
        })),
      );
    }
    await recordAudit(tx, {
      clinicId: params.clinicId,
      actor: params.actor,
      action: "rule_set.duplicate",
      entityType: "rule_set",
      entityId: copy.id,
      after: { from: source.id, title },
    });
    return { id: copy.id, title };
  });
}
