import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { csvResponse } from "@/lib/csv/csv-stream";
import { staffExportRoute } from "@/lib/exports/export-route";
import { IMPORT_FIELD_NAMES } from "@/lib/imports/import-columns";
import { getImport, listRejectedRows } from "@/lib/imports/list-imports";

/** The rejected rows of an import as CSV: row number, what is wrong, then the row's mapped values to fix and re-import. */
export const GET = staffExportRoute(async (request, staff, db) => {
  const id = z.uuid().safeParse(new URL(request.url).pathname.split("/").at(-2));
  const file = id.success ? await getImport(db, staff.clinicId, id.data) : null;
  if (!file) return new Response("This import was not found.", { status: 404 });
  await recordAudit(db, {
    clinicId: staff.clinicId,
    actor: staff.actor,
    action: "import.export_rejected",
    entityType: "import",
    entityId: file.id,
    after: { badRows: file.badRows },
  });
  let after = 0;
  return csvResponse(
    `rejected-rows-${file.fileName.replace(/[^\w.-]+/g, "_")}`,
    ["row", "problems", ...IMPORT_FIELD_NAMES],
    async () => {
      const rows = await listRejectedRows(db, file.id, after, 1000);
      after = rows.at(-1)?.rowNumber ?? after;
      return {
        done: rows.length < 1000,
        rows: rows.map((row) => [
          row.rowNumber,
          (row.problems ?? []).join("; "),
          ...IMPORT_FIELD_NAMES.map((field) => String(row.data[field] ?? "")),
        ]),
      };
    },
  );
});
