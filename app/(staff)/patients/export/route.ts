import { z } from "zod";
import { csvResponse } from "@/lib/csv/csv-stream";
import { exportFilename } from "@/lib/exports/export-format";
import { exportPatients, PATIENT_EXPORT_HEADER } from "@/lib/exports/export-patients";
import { staffExportRoute } from "@/lib/exports/export-route";

const query = z.string().trim().max(100).catch("");

/** The patients list as CSV, its search (q) applied. */
export const GET = staffExportRoute(async (request, staff, db) => {
  const q = query.parse(new URL(request.url).searchParams.get("q") ?? "");
  const next = await exportPatients(db, { clinicId: staff.clinicId, actor: staff.actor, query: q });
  return csvResponse(exportFilename("patients"), PATIENT_EXPORT_HEADER, next);
});
