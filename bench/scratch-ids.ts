import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";

/**
 * A reproducible id for a scratch row, in SQL: the md5 of `expression` shaped as a version-4
 * UUID, so the app's own checks (zod's uuid) accept it when the engine picks the row up.
 */
export const scratchUuid = (expression: string) =>
  `overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`;

/** A scratch clinic in UTC with one default rule set (no rules yet); returns the rule set's id. */
export async function insertScratchClinic(
  db: Db,
  clinicId: string,
  clinic: { slug: string; name: string; phone: string; email: string; ruleSetDescription: string },
): Promise<string> {
  const c = `'${clinicId}'`;
  await run(
    db,
    `INSERT INTO clinics (id, slug, name, phone, email, time_zone)
     VALUES (${c}, '${clinic.slug}', '${clinic.name}', '${clinic.phone}', '${clinic.email}', 'UTC')`,
  );
  const [ruleSet] = await executeRows<{ id: string }>(
    db,
    `INSERT INTO rule_sets (clinic_id, title, description, expiry_days, is_default) VALUES (${c}, 'Bench', '${clinic.ruleSetDescription}', 30, true) RETURNING id`,
  );
  if (!ruleSet) throw new Error("The scratch clinic's rule set was not created.");
  return ruleSet.id;
}
