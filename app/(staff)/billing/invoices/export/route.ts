import { csvResponse } from "@/lib/csv/csv-stream";
import { exportFilename } from "@/lib/exports/export-format";
import { exportInvoiceSets, INVOICE_SET_EXPORT_HEADER } from "@/lib/exports/export-invoice-sets";
import { staffExportRoute } from "@/lib/exports/export-route";
import { loadInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";

/** "Export CSV" on Invoice Management: exactly the filtered list (same URL parameters), all pages. */
export const GET = staffExportRoute(async (request, staff, db) => {
  const search = loadInvoiceSetSearchParams(new URL(request.url).searchParams);
  const next = await exportInvoiceSets(db, {
    clinicId: staff.clinicId,
    actor: staff.actor,
    timeZone: staff.clinicTimeZone,
    search,
  });
  return csvResponse(exportFilename("invoice-sets"), INVOICE_SET_EXPORT_HEADER, next);
});
