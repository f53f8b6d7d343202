import { csvResponse } from "@/lib/csv/csv-stream";
import { exportFilename } from "@/lib/exports/export-format";
import { exportInvoices, INVOICE_EXPORT_HEADER } from "@/lib/exports/export-invoices";
import { staffExportRoute } from "@/lib/exports/export-route";

export const GET = staffExportRoute(async (_request, staff, db) => {
  const next = await exportInvoices(db, {
    clinicId: staff.clinicId,
    actor: staff.actor,
    timeZone: staff.clinicTimeZone,
  });
  return csvResponse(exportFilename("invoices"), INVOICE_EXPORT_HEADER, next);
});
