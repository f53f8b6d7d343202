import type { Tx } from "@/db/connect";
import { imports } from "@/db/schema";
import { type Actor, actorUserId } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { readCsvHeader } from "@/lib/csv/read-csv";
import { AppError } from "@/lib/errors";
import { suggestMapping } from "./import-columns";
import { previewImport } from "./preview-import";

export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

/** Keeps an uploaded file with a mapping suggested from its header, and previews it. Nothing else is written. */
export async function createImport(
  tx: Tx,
  params: { clinicId: string; actor: Actor; fileName: string; fileText: string },
): Promise<{ importId: string }> {
  const headers = await readCsvHeader(params.fileText);
  if (headers.length === 0 || headers.every((header) => header === "")) {
    throw new AppError("invalid_input", "This file is empty. Choose a CSV file with a header row.", {
      file: ["The file has no header row."],
    });
  }
  if (new Set(headers).size !== headers.length) {
    throw new AppError("invalid_input", "Two columns in this file have the same header; rename one.", {
      file: ["Column headers must be unique."],
    });
  }
  const [row] = await tx
    .insert(imports)
    .values({
      clinicId: params.clinicId,
      createdByUserId: actorUserId(params.actor),
      fileName: params.fileName.slice(0, 200),
      fileText: params.fileText,
      headers,
      mapping: suggestMapping(headers),
    })
    .returning({ id: imports.id });
  if (!row) throw new Error("import insert returned nothing");
  const mapping = suggestMapping(headers);
  const canPreview = ["mrn", "first_name", "last_name", "date_of_birth"].every((field) => field in mapping);
  const summary = canPreview ? await previewImport(tx, { clinicId: params.clinicId, importId: row.id }) : null;
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "import.upload",
    entityType: "import",
    entityId: row.id,
    after: { fileName: params.fileName, ...summary },
  });
  return { importId: row.id };
}
