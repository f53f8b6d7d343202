import { and, desc, eq, lt } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoices, patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { INVOICE_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { EXPORT_BATCH_SIZE, exportAmount, exportMoment } from "./export-format";

export const INVOICE_EXPORT_HEADER = [
  "Invoice",
  "Status",
  "Patient",
  "MRN",
  "Service date",
  "Issued",
  "Due",
  "Total",
  "Balance",
] as const;

/** Every invoice of the clinic, newest number first, 1,000 per keyset step; audited. */
export async function exportInvoices(db: Executor, params: { clinicId: string; actor: Actor; timeZone: string }) {
  const { clinicId, timeZone } = params;
  await recordAudit(db, {
    clinicId,
    actor: params.actor,
    action: "invoice.export",
    entityType: "invoice",
    entityId: null,
  });
  let before: number | null = null;
  return async () => {
    const rows = await db
      .select({
        number: invoices.number,
        status: invoices.status,
        firstName: patients.firstName,
        lastName: patients.lastName,
        mrn: patients.externalId,
        serviceDate: invoices.serviceDate,
        issuedAt: invoices.issuedAt,
        dueDate: invoices.dueDate,
        totalCents: invoices.totalCents,
        balanceCents: invoices.balanceCents,
      })
      .from(invoices)
      .leftJoin(patients, and(eq(patients.id, invoices.patientId), eq(patients.clinicId, clinicId)))
      .where(and(eq(invoices.clinicId, clinicId), before === null ? undefined : lt(invoices.number, before)))
      .orderBy(desc(invoices.number))
      .limit(EXPORT_BATCH_SIZE);
    before = rows.at(-1)?.number ?? before;
    return {
      done: rows.length < EXPORT_BATCH_SIZE,
      rows: rows.map((row) => [
        row.number,
        INVOICE_STATUS_LABELS[row.status],
        row.lastName ? `${row.lastName}, ${row.firstName}` : "",
        row.mrn ?? "",
        row.serviceDate ?? "",
        exportMoment(row.issuedAt, timeZone),
        row.dueDate ?? "",
        exportAmount(row.totalCents),
        exportAmount(row.balanceCents),
      ]),
    };
  };
}
