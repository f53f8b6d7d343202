import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { ruleSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { lockRuleSet } from "./lock-rule-set";

/** One default per clinic: the old one is unset in the same transaction. */
export async function makeDefaultRuleSet(
  db: Db,
  params: { clinicId: string; actor: Actor; id: string },
): Promise<{ title: string }> {
  return db.transaction(async (tx) => {
    const row = await lockRuleSet(tx, params.clinicId, params.id);
    if (row.archivedAt) throw new AppError("invalid_input", `"${row.title}" is archived and can't be the default.`);
    if (row.isDefault) return { title: row.title };
    const [previous] = await tx
      .update(ruleSets)
      .set({ isDefault: false, updatedAt: new Date() })
      .where(and(eq(ruleSets.clinicId, params.clinicId), eq(ruleSets.isDefault, true), isNull(ruleSets.archivedAt)))
      .returning({ id: ruleSets.id });
    await tx.update(ruleSets).set({ isDefault: true, updatedAt: new Date() }).where(eq(ruleSets.id, row.id));
    await recordAudit(tx, {
      clinicId: params.clinicId,
      actor: params.actor,
      action: "rule_set.make_default",
      entityType: "rule_set",
      entityId: row.id,
      before: { defaultRuleSetId: previous?.id ?? null },
      after: { defaultRuleSetId: row.id },
    });
    return { title: row.title };
  });
}
