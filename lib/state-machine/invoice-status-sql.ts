import { type SQL, sql } from "drizzle-orm";
import { INVOICE_STATUS_LABELS, INVOICE_STATUSES, type InvoiceStatus } from "./statuses";

/** `('issued', 'partially_paid')` from the table, as literals so partial indexes on status match. */
export function invoiceStatusListSql(statuses: readonly InvoiceStatus[]): SQL {
  const safe = statuses.filter((status) => (INVOICE_STATUSES as readonly string[]).includes(status));
  return sql.raw(`(${safe.map((status) => `'${status}'`).join(", ")})`);
}

/** The on-screen name of an invoice status expression ("Partially Paid"). */
function invoiceStatusLabelSql(status: SQL): SQL {
  const cases = INVOICE_STATUSES.map((value) => `when '${value}' then '${INVOICE_STATUS_LABELS[value]}'`).join(" ");
  return sql`(case ${status} ${sql.raw(cases)} end)`;
}

/** transitionInvoice's timeline line for a flag that keeps the status: "Invoice #12 — Mark Bad Debt: Issued". */
export function invoiceFlagSummarySql(row: { number: SQL; label: SQL; status: SQL }): SQL {
  return sql`'Invoice #' || ${row.number} || ' — ' || ${row.label} || ': ' || ${invoiceStatusLabelSql(row.status)}`;
}
