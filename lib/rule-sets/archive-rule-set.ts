import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { invoiceSets, ruleSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { lockRuleSet } from "./lock-rule-set";

/** Archive: refused for the default and for one an open invoice set still uses. */
export async function archiveRuleSet(
  db: Db,
  params: { clinicId: string; actor: Actor; id: string },
): Promise<{ title: string }> {
  return db.transaction(async (tx) => {
    const row = await lockRuleSet(tx, params.clinicId, params.id);
    if (row.archivedAt) throw new AppError("invalid_input", `"${row.title}" is already archived.`);
    if (row.isDefault)
      throw new AppError(
        "invalid_input",
        `"${row.title}" is the default rule set. Make another one the default first.`,
      );
    const [usage] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(invoiceSets)
      .where(
        and(
          eq(invoiceSets.clinicId, params.clinicId),
          eq(invoiceSets.ruleSetId, row.id),
          inArray(invoiceSets.status, [...OPEN_INVOICE_SET_STATUSES]),
        ),
      );
    const n = usage?.n ?? 0;
    if (n > 0)
      throw new AppError(
        "invalid_input",
        `"${row.title}" is used by ${n} open invoice set${n === 1 ? "" : "s"}. Change their rule set first.`,
      );
    await tx.update(ruleSets).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(ruleSets.id, row.id));
    await recordAudit(tx, {
      clinicId: params.clinicId,
      actor: params.actor,
      action: "rule_set.archive",
      entityType: "rule_set",
      entityId: row.id,
      before: { archivedAt: null },
      after: { archived: true },
    });
    return { title: row.title };
  });
}
