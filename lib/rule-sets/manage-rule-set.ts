import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { invoiceSets, rules, ruleSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";

async function lockRuleSet(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], clinicId: string, id: string) {
  const [row] = await tx.select().from(ruleSets).where(and(eq(ruleSets.id, id), eq(ruleSets.clinicId, clinicId))).for("update");
  if (!row) throw new AppError("not_found", "This rule set was not found. It may belong to another clinic.");
  return row;
}

/** A copy titled "… (Copy)", never the default, with the same rules. */
export async function duplicateRuleSet(db: Db, params: { clinicId: string; actor: Actor; id: string }): Promise<{ id: string; title: string }> {
  return db.transaction(async (tx) => {
    const source = await lockRuleSet(tx, params.clinicId, params.id);
    const title = `${source.title} (Copy)`;
    const [copy] = await tx
      .insert(ruleSets)
      .values({ clinicId: params.clinicId, title, description: source.description, expiryDays: source.expiryDays })
      .returning({ id: ruleSets.id });
    if (!copy) throw new Error("rule set insert returned nothing");
    const sourceRules = await tx.select().from(rules).where(eq(rules.ruleSetId, source.id));
    if (sourceRules.length > 0) {
      await tx.insert(rules).values(sourceRules.map(({ delayDays, channels, title: t, template }) => ({ clinicId: params.clinicId, ruleSetId: copy.id, delayDays, channels, title: t, template })));
    }
    await recordAudit(tx, { clinicId: params.clinicId, actor: params.actor, action: "rule_set.duplicate", entityType: "rule_set", entityId: copy.id, after: { from: source.id, title } });
    return { id: copy.id, title };
  });
}

/** Archive: refused for the default and for one an open invoice set still uses. */
export async function archiveRuleSet(db: Db, params: { clinicId: string; actor: Actor; id: string }): Promise<{ title: string }> {
  return db.transaction(async (tx) => {
    const row = await lockRuleSet(tx, params.clinicId, params.id);
    if (row.archivedAt) throw new AppError("invalid_input", `"${row.title}" is already archived.`);
    if (row.isDefault) throw new AppError("invalid_input", `"${row.title}" is the default rule set. Make another one the default first.`);
    const [usage] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(invoiceSets)
      .where(and(eq(invoiceSets.clinicId, params.clinicId), eq(invoiceSets.ruleSetId, row.id), inArray(invoiceSets.status, [...OPEN_INVOICE_SET_STATUSES])));
    const n = usage?.n ?? 0;
    if (n > 0) throw new AppError("invalid_input", `"${row.title}" is used by ${n} open invoice set${n === 1 ? "" : "s"}. Change their rule set first.`);
    await tx.update(ruleSets).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(ruleSets.id, row.id));
    await recordAudit(tx, { clinicId: params.clinicId, actor: params.actor, action: "rule_set.archive", entityType: "rule_set", entityId: row.id, before: { archivedAt: null }, after: { archived: true } });
    return { title: row.title };
  });
}

/** One default per clinic: the old one is unset in the same transaction. */
export async function makeDefaultRuleSet(db: Db, params: { clinicId: string; actor: Actor; id: string }): Promise<{ title: string }> {
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
    await recordAudit(tx, { clinicId: params.clinicId, actor: params.actor, action: "rule_set.make_default", entityType: "rule_set", entityId: row.id, before: { defaultRuleSetId: previous?.id ?? null }, after: { defaultRuleSetId: row.id } });
    return { title: row.title };
  });
}
