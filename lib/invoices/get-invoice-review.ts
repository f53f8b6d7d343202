import { and, asc, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { apiKeys, auditLog, clinicians, invoiceCharges, invoices, patients, payments, users } from "@/db/schema";

/**
 * Everything the invoice review screen shows, for one invoice of this clinic (null when the
 * id is not this clinic's, whatever id is sent).
 */
export async function getInvoiceReview(db: Executor, params: { clinicId: string; invoiceId: string }) {
  const { clinicId, invoiceId } = params;
  const [row] = await db
    .select({
      invoice: invoices,
      patient: {
        id: patients.id,
        firstName: patients.firstName,
        lastName: patients.lastName,
        externalId: patients.externalId,
        dateOfBirth: patients.dateOfBirth,
        phone: patients.phone,
      },
      clinician: { id: clinicians.id, name: clinicians.name, credentials: clinicians.credentials },
    })
    .from(invoices)
    .leftJoin(patients, and(eq(patients.id, invoices.patientId), eq(patients.clinicId, clinicId)))
    .leftJoin(clinicians, and(eq(clinicians.id, invoices.clinicianId), eq(clinicians.clinicId, clinicId)))
    .where(and(eq(invoices.id, invoiceId), eq(invoices.clinicId, clinicId)));
  if (!row) return null;

  const [charges, paymentRows, history] = await Promise.all([
    db
      .select()
      .from(invoiceCharges)
      .where(and(eq(invoiceCharges.invoiceId, invoiceId), eq(invoiceCharges.clinicId, clinicId)))
      .orderBy(asc(invoiceCharges.position)),
    db
      .select({
        id: payments.id,
        method: payments.method,
        amountCents: payments.amountCents,
        reference: payments.reference,
        receivedAt: payments.receivedAt,
        recordedBy: users.name,
      })
      .from(payments)
      .leftJoin(users, eq(users.id, payments.recordedByUserId))
      .where(and(eq(payments.invoiceId, invoiceId), eq(payments.clinicId, clinicId)))
      .orderBy(asc(payments.receivedAt), asc(payments.createdAt)),
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        actorKind: auditLog.actorKind,
        actorName: users.name,
        apiKeyName: apiKeys.name,
        before: auditLog.before,
        after: auditLog.after,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .leftJoin(apiKeys, eq(apiKeys.id, auditLog.apiKeyId))
      .where(and(eq(auditLog.clinicId, clinicId), eq(auditLog.entityType, "invoice"), eq(auditLog.entityId, invoiceId)))
      .orderBy(desc(auditLog.createdAt))
      .limit(100),
  ]);

  return {
    invoice: row.invoice,
    patient: row.patient,
    clinician: row.clinician,
    charges,
    payments: paymentRows,
    history,
  };
}

export type InvoiceReview = NonNullable<Awaited<ReturnType<typeof getInvoiceReview>>>;
