import type { Executor } from "@/db/connect";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { listInvoiceSetRows } from "@/lib/invoice-sets/list-invoice-sets";
import type { InvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { INVOICE_SET_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { EXPORT_BATCH_SIZE, exportAmount, exportMoment } from "./export-format";

export const INVOICE_SET_EXPORT_HEADER = [
  "Invoice set ID",
  "Status",
  "Amount outstanding",
  "Patient",
  "MRN",
  "Created",
  "Next send",
  "Rule set",
] as const;

/**
 * Invoice Management's filtered list, every page, in the page's order: a keyset step of
 * 1,000 rows per batch. The export is audited (filters, not rows) before the first batch.
 */
export async function exportInvoiceSets(
  db: Executor,
  params: { clinicId: string; actor: Actor; timeZone: string; search: InvoiceSetSearchParams },
) {
  const { clinicId, timeZone } = params;
  const { cursor: _cursor, size: _size, ...filters } = params.search;
  await recordAudit(db, {
    clinicId,
    actor: params.actor,
    action: "invoice_set.export",
    entityType: "invoice_set",
    entityId: null,
    after: { filters },
  });
  let cursor: string | null = null;
  return async () => {
    const page = await listInvoiceSetRows(db, { clinicId, timeZone }, { ...filters, cursor }, EXPORT_BATCH_SIZE);
    cursor = page.nextCursor;
    return {
      done: cursor === null,
      rows: page.rows.map((row) => [
        row.id,
        INVOICE_SET_STATUS_LABELS[row.status],
        exportAmount(row.amountOutstandingCents),
        `${row.patient.lastName}, ${row.patient.firstName}`,
        row.patient.externalId,
        exportMoment(row.createdAt, timeZone),
        exportMoment(row.nextSendAt, timeZone),
        row.ruleSetTitle,
      ]),
    };
  };
}
