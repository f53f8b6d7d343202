import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/connect";
import { imports } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { IMPORT_FIELD_NAMES, type ImportField } from "./import-columns";
import { previewImport } from "./preview-import";

export const mappingInputSchema = z.object({
  importId: z.uuid(),
  ...Object.fromEntries(IMPORT_FIELD_NAMES.map((field) => [field, z.string().max(200).optional()])),
}) as z.ZodType<{ importId: string } & Partial<Record<ImportField, string>>>;

/** Saves the column mapping chosen on the preview screen and previews again. */
export async function updateImportMapping(
  tx: Tx,
  params: { clinicId: string; importId: string; mapping: Partial<Record<ImportField, string>> },
) {
  const [file] = await tx
    .select({ headers: imports.headers, startedAt: imports.startedAt })
    .from(imports)
    .where(and(eq(imports.id, params.importId), eq(imports.clinicId, params.clinicId)))
    .for("update");
  if (!file) throw new AppError("not_found", "This import was not found.");
  if (file.startedAt)
    throw new AppError("invalid_transition", "This file is already being imported; its mapping can't change.");
  const mapping: Record<string, string> = {};
  for (const field of IMPORT_FIELD_NAMES) {
    const header = params.mapping[field];
    if (!header) continue;
    if (!file.headers.includes(header)) {
      throw new AppError("invalid_input", `The file has no column “${header}”.`, {
        [field]: ["Choose a column of this file."],
      });
    }
    mapping[field] = header;
  }
  await tx.update(imports).set({ mapping }).where(eq(imports.id, params.importId));
  return previewImport(tx, { clinicId: params.clinicId, importId: params.importId });
}
