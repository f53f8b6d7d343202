import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets, type Rule, type RuleSet, ruleSets, rules } from "@/db/schema";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";

export interface RuleSetWithRules extends RuleSet {
  rules: Rule[];
  openSetCount: number;
}

/** A clinic's rule sets (default first, archived last) with their rules and how many open sets use each. */
export async function listRuleSets(db: Executor, clinicId: string): Promise<RuleSetWithRules[]> {
  const [sets, ruleRows, usage] = await Promise.all([
    db.select().from(ruleSets).where(eq(ruleSets.clinicId, clinicId)).orderBy(asc(ruleSets.createdAt)),
    db.select().from(rules).where(eq(rules.clinicId, clinicId)).orderBy(asc(rules.delayDays)),
    db
      .select({ ruleSetId: invoiceSets.ruleSetId, n: count() })
      .from(invoiceSets)
      .where(and(eq(invoiceSets.clinicId, clinicId), inArray(invoiceSets.status, [...OPEN_INVOICE_SET_STATUSES])))
      .groupBy(invoiceSets.ruleSetId),
  ]);
  const used = new Map(usage.map((u) => [u.ruleSetId, Number(u.n)]));
  return sets
    .map((set) => ({
      ...set,
      rules: ruleRows.filter((r) => r.ruleSetId === set.id),
      openSetCount: used.get(set.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        Number(Boolean(a.archivedAt)) - Number(Boolean(b.archivedAt)) || Number(b.isDefault) - Number(a.isDefault),
    );
}

export async function getRuleSet(db: Executor, clinicId: string, id: string): Promise<RuleSetWithRules | null> {
  const all = await listRuleSets(db, clinicId);
  return all.find((set) => set.id === id) ?? null;
}
