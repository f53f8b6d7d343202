import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { ruleSets } from "@/db/schema";
import { AppError } from "@/lib/errors";

export interface RuleSetOption {
  id: string;
  title: string;
  archived: boolean;
  /** Every rule emails and none texts: a fix for patients texts cannot reach. */
  emailOnly: boolean;
}

/** The clinic's rule sets for the "Rule set" filter (archived ones too: old sets still use them). */
export async function listRuleSetOptions(db: Executor, clinicId: string): Promise<RuleSetOption[]> {
  const rows = await db
    .select({
      id: ruleSets.id,
      title: ruleSets.title,
      archivedAt: ruleSets.archivedAt,
      // rule_sets.id spelled out: an interpolated column renders unqualified and would bind to rules.id.
      emailOnly: sql<boolean>`coalesce((select bool_and(not ('sms' = any(r.channels))) from rules r where r.rule_set_id = rule_sets.id), false)`,
    })
    .from(ruleSets)
    .where(eq(ruleSets.clinicId, clinicId))
    .orderBy(asc(ruleSets.title));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    archived: row.archivedAt !== null,
    emailOnly: Boolean(row.emailOnly),
  }));
}

/** A rule set a set may switch to: this clinic's, not archived. Throws a clear refusal otherwise. */
export async function requireActiveRuleSet(db: Executor, clinicId: string, ruleSetId: string) {
  const [row] = await db
    .select({ id: ruleSets.id, title: ruleSets.title })
    .from(ruleSets)
    .where(and(eq(ruleSets.id, ruleSetId), eq(ruleSets.clinicId, clinicId), isNull(ruleSets.archivedAt)));
  if (!row)
    throw new AppError(
      "not_found",
      "That rule set isn't available: it was archived or belongs to another clinic. Pick another one.",
    );
  return row;
}
