import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { ruleSets } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** The clinic's rule set, locked for the rest of the transaction; not found for another clinic's id. */
export async function lockRuleSet(tx: Tx, clinicId: string, id: string) {
  const [row] = await tx
    .select()
    .from(ruleSets)
    .where(and(eq(ruleSets.id, id), eq(ruleSets.clinicId, clinicId)))
    .for("update");
  if (!row) throw new AppError("not_found", "This rule set was not found. It may belong to another clinic.");
  return row;
}
