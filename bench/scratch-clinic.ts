import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";

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
