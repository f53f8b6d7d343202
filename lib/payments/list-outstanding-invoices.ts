import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoices } from "@/db/schema";
import { COLLECTIBLE_INVOICE_STATUSES } from "@/lib/invoice-sets/refresh-invoice-set-balance";

/** The patient's invoices that still owe money, in the order a payment is allocated (oldest first). */
export async function listOutstandingInvoices(db: Executor, params: { clinicId: string; patientId: string }) {
  return db
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      pastDue: invoices.pastDue,
      badDebt: invoices.badDebt,
      issuedAt: invoices.issuedAt,
      dueDate: invoices.dueDate,
      totalCents: invoices.totalCents,
      balanceCents: sql<number>`(${invoices.totalCents} - ${invoices.paidCents})::int`,
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.clinicId, params.clinicId),
        eq(invoices.patientId, params.patientId),
        inArray(invoices.status, COLLECTIBLE_INVOICE_STATUSES),
        sql`${invoices.totalCents} > ${invoices.paidCents}`,
      ),
    )
    .orderBy(asc(invoices.badDebt), asc(invoices.issuedAt), asc(invoices.number));
}
