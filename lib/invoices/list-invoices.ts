import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoices, patients } from "@/db/schema";

export const INVOICE_PAGE_SIZE = 25;

/**
 * A page of the clinic's invoices, newest number first, with keyset pagination on the
 * per-clinic number (unique index (clinic_id, number)): deep pages cost the same as the first.
 */
export async function listInvoices(
  db: Executor,
  params: { clinicId: string; beforeNumber?: number | null; patientId?: string | null; limit?: number },
) {
  const limit = Math.min(params.limit ?? INVOICE_PAGE_SIZE, 100);
  const filters: SQL[] = [eq(invoices.clinicId, params.clinicId)];
  if (params.beforeNumber) filters.push(lt(invoices.number, params.beforeNumber));
  if (params.patientId) filters.push(eq(invoices.patientId, params.patientId));
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      pastDue: invoices.pastDue,
      badDebt: invoices.badDebt,
      totalCents: invoices.totalCents,
      balanceCents: invoices.balanceCents,
      issuedAt: invoices.issuedAt,
      dueDate: invoices.dueDate,
      serviceDate: invoices.serviceDate,
      patientId: patients.id,
      patientLastName: patients.lastName,
      patientFirstName: patients.firstName,
    })
    .from(invoices)
    .leftJoin(patients, and(eq(patients.id, invoices.patientId), eq(patients.clinicId, params.clinicId)))
    .where(and(...filters))
    .orderBy(desc(invoices.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextBeforeNumber: rows.length > limit && last ? last.number : null };
}

export type InvoiceListRow = Awaited<ReturnType<typeof listInvoices>>["rows"][number];
