import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinicians, clinics, invoiceCharges, invoiceSets, invoices, patients, payments } from "@/db/schema";
import { patientTimeZoneSql } from "@/lib/patients/patient-time-zone";
import type { PaymentMethod } from "@/lib/payments/payment-input";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";

export interface StatementInvoice {
  id: string;
  number: number;
  serviceDate: string | null;
  dueDate: string | null;
  clinicianName: string | null;
  totalCents: number;
  paidCents: number;
  balanceCents: number;
  charges: { id: string; description: string; code: string; quantity: number; amountCents: number }[];
  payments: { id: string; receivedAt: Date; method: PaymentMethod; amountCents: number }[];
}

export interface Statement {
  clinic: { name: string; phone: string | null; email: string | null; currency: string; minOnlinePaymentCents: number };
  patient: { firstName: string; lastName: string; timeZone: string };
  setStatus: InvoiceSetStatus;
  invoices: StatementInvoice[];
  balanceCents: number;
}

/** The patient's open invoices in one set, with charges and payments; everything scoped by clinic. */
export async function getStatement(
  db: Executor,
  params: { clinicId: string; invoiceSetId: string },
): Promise<Statement | null> {
  const { clinicId, invoiceSetId } = params;
  const [head] = await db
    .select({
      setStatus: invoiceSets.status,
      clinicName: clinics.name,
      clinicPhone: clinics.phone,
      clinicEmail: clinics.email,
      currency: clinics.currency,
      minOnlinePaymentCents: clinics.minOnlinePaymentCents,
      firstName: patients.firstName,
      lastName: patients.lastName,
      timeZone: patientTimeZoneSql,
    })
    .from(invoiceSets)
    .innerJoin(clinics, eq(clinics.id, invoiceSets.clinicId))
    .innerJoin(patients, and(eq(patients.id, invoiceSets.patientId), eq(patients.clinicId, invoiceSets.clinicId)))
    .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)));
  if (!head) return null;

  const invoiceRows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      serviceDate: invoices.serviceDate,
      dueDate: invoices.dueDate,
      clinicianName: clinicians.name,
      totalCents: invoices.totalCents,
      paidCents: invoices.paidCents,
    })
    .from(invoices)
    .leftJoin(clinicians, eq(clinicians.id, invoices.clinicianId))
    .where(
      and(
        eq(invoices.clinicId, clinicId),
        eq(invoices.invoiceSetId, invoiceSetId),
        inArray(invoices.status, ["issued", "partially_paid"]),
        eq(invoices.badDebt, false),
      ),
    )
    .orderBy(asc(invoices.serviceDate), asc(invoices.number));

  const ids = invoiceRows.map((row) => row.id);
  const [chargeRows, paymentRows] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({
              id: invoiceCharges.id,
              invoiceId: invoiceCharges.invoiceId,
              description: invoiceCharges.description,
              code: invoiceCharges.code,
              quantity: invoiceCharges.quantity,
              unitPriceCents: invoiceCharges.unitPriceCents,
            })
            .from(invoiceCharges)
            .where(and(eq(invoiceCharges.clinicId, clinicId), inArray(invoiceCharges.invoiceId, ids)))
            .orderBy(asc(invoiceCharges.position)),
          db
            .select({
              id: payments.id,
              invoiceId: payments.invoiceId,
              receivedAt: payments.receivedAt,
              method: payments.method,
              amountCents: payments.amountCents,
            })
            .from(payments)
            .where(and(eq(payments.clinicId, clinicId), inArray(payments.invoiceId, ids)))
            .orderBy(asc(payments.receivedAt)),
        ]);

  const statementInvoices: StatementInvoice[] = invoiceRows.map((row) => ({
    ...row,
    balanceCents: row.totalCents - row.paidCents,
    charges: chargeRows
      .filter((charge) => charge.invoiceId === row.id)
      .map((charge) => ({
        id: charge.id,
        description: charge.description,
        code: charge.code,
        quantity: charge.quantity,
        amountCents: charge.quantity * charge.unitPriceCents,
      })),
    payments: paymentRows
      .filter((payment) => payment.invoiceId === row.id)
      .map(({ id, receivedAt, method, amountCents }) => ({ id, receivedAt, method, amountCents })),
  }));

  return {
    clinic: {
      name: head.clinicName,
      phone: head.clinicPhone,
      email: head.clinicEmail,
      currency: head.currency,
      minOnlinePaymentCents: head.minOnlinePaymentCents,
    },
    patient: { firstName: head.firstName, lastName: head.lastName, timeZone: head.timeZone },
    setStatus: head.setStatus,
    invoices: statementInvoices,
    balanceCents: statementInvoices.reduce((sum, invoice) => sum + invoice.balanceCents, 0),
  };
}
