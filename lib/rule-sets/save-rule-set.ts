import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { messages, ruleSets, rules } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { TemplateValues } from "./template";
import { type RuleSetInput, ruleSetProblems } from "./validate-rule-set";

/**
 * Creates a rule set, or updates one in place (rules keep their ids, so messages already
 * sent stay linked). All checks first; one transaction; one audit row with before/after.
 */
export async function saveRuleSet(
  db: Db,
  params: {
    clinicId: string;
    actor: Actor;
    id?: string;
    input: RuleSetInput & { ruleIds?: (string | null)[] };
    sample: TemplateValues;
  },
): Promise<{ id: string }> {
  const { clinicId, input } = params;
  const problems = ruleSetProblems(input, params.sample);
  if (Object.keys(problems).length > 0) {
    const first = Object.values(problems)[0]?.[0] ?? "Check the highlighted fields.";
    throw new AppError("invalid_input", first, problems);
  }

  return db.transaction(async (tx) => {
    if (!params.id) {
      const [created] = await tx
        .insert(ruleSets)
        .values({ clinicId, title: input.title, description: input.description, expiryDays: input.expiryDays })
        .returning({ id: ruleSets.id });
      if (!created)
        throw new AppError("unavailable", "The rule set could not be saved. Nothing was changed; please try again.");
      await tx.insert(rules).values(input.rules.map((rule) => ({ ...rule, clinicId, ruleSetId: created.id })));
      await recordAudit(tx, {
        clinicId,
        actor: params.actor,
        action: "rule_set.create",
        entityType: "rule_set",
        entityId: created.id,
        after: { ...input },
      });
      return created;
    }

    const [existing] = await tx
      .select()
      .from(ruleSets)
      .where(and(eq(ruleSets.id, params.id), eq(ruleSets.clinicId, clinicId)))
      .for("update");
    if (!existing) throw new AppError("not_found", "This rule set was not found. It may belong to another clinic.");
    if (existing.archivedAt)
      throw new AppError("invalid_input", "This rule set is archived. Duplicate it to make a new one.");
    const before = await tx.select().from(rules).where(eq(rules.ruleSetId, existing.id));
    const keepIds = (input.ruleIds ?? []).filter((id): id is string => Boolean(id) && before.some((r) => r.id === id));

    const removed = before.filter((r) => !keepIds.includes(r.id));
    if (removed.length > 0) {
      const [used] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(
          inArray(
            messages.ruleId,
            removed.map((r) => r.id),
          ),
        );
      if ((used?.n ?? 0) > 0) {
        throw new AppError(
          "invalid_input",
          `A removed rule has already sent messages, so it must stay. Keep it, or duplicate this rule set and archive the old one.`,
        );
      }
      await tx
        .delete(rules)
        .where(and(eq(rules.ruleSetId, existing.id), keepIds.length ? notInArray(rules.id, keepIds) : undefined));
    }
    // Move kept rules out of the way first, so swapping two days never trips the one-rule-per-day index.
    if (keepIds.length > 0)
      await tx
        .update(rules)
        .set({ delayDays: sql`${rules.delayDays} + 10000` })
        .where(inArray(rules.id, keepIds));
    for (const [index, rule] of input.rules.entries()) {
      const id = input.ruleIds?.[index];
      if (id && keepIds.includes(id)) await tx.update(rules).set(rule).where(eq(rules.id, id));
      else await tx.insert(rules).values({ ...rule, clinicId, ruleSetId: existing.id });
    }
    await tx
      .update(ruleSets)
      .set({ title: input.title, description: input.description, expiryDays: input.expiryDays, updatedAt: new Date() })
      .where(eq(ruleSets.id, existing.id));
    await recordAudit(tx, {
      clinicId,
      actor: params.actor,
      action: "rule_set.update",
      entityType: "rule_set",
      entityId: existing.id,
      before: {
        title: existing.title,
        description: existing.description,
        expiryDays: existing.expiryDays,
        rules: before.map(({ delayDays, channels, chargeCard, title, template }) => ({
          delayDays,
          channels,
          chargeCard,
          title,
          template,
        })),
      },
      after: { title: input.title, description: input.description, expiryDays: input.expiryDays, rules: input.rules },
    });
    return { id: existing.id };
  });
}
