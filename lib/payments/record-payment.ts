import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { type Invoice, payments } from "@/db/schema";
import { actorUserId } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import {
  type RefreshedInvoiceSetBalance,
  refreshInvoiceSetBalance,
} from "@/lib/invoice-sets/refresh-invoice-set-balance";
import { formatCents } from "@/lib/money";
import { INVOICE_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { assertInvoiceAction, lockInvoice, transitionInvoice } from "@/lib/state-machine/transition-invoice";
import { PAYMENT_METHOD_LABELS, type PaymentDetails } from "./payment-input";

export interface InvoicePaymentResult {
  receiptId: string;
  invoice: Invoice;
  patientId: string;
  /** The invoice's set after the payment, when it belongs to one (and refreshSet was not false). */
  invoiceSet: RefreshedInvoiceSetBalance | null;
}

/**
 * Records one payment on one invoice: the state machine decides Partially Paid or Paid (and
 * refuses zero, over-payment, drafts and closed invoices), the payment row is written, and
 * the invoice set's amount outstanding follows. Call inside a transaction; publish the
 * events of paymentEvents() after it commits.
 */
export async function recordInvoicePayment(
  tx: Tx,
  params: PaymentDetails & { invoiceId: string; receiptId?: string; refreshSet?: boolean },
): Promise<InvoicePaymentResult> {
  const { clinicId, invoiceId, amountCents, actor } = params;
  const receiptId = params.receiptId ?? randomUUID();

  const current = await lockInvoice(tx, clinicId, invoiceId);
  const decision = assertInvoiceAction("record_payment", current, amountCents);
  const ref = params.reference ? ` (ref ${params.reference})` : "";
  const summary =
    `Invoice #${current.number} — ${formatCents(amountCents)} ${PAYMENT_METHOD_LABELS[params.method]} payment${ref}: ` +
    `${INVOICE_STATUS_LABELS[decision.to ?? current.status]}`;

  const { invoice } = await transitionInvoice(tx, {
    clinicId,
    invoiceId,
    action: "record_payment",
    actor,
    paymentCents: amountCents,
    // Paid in full also clears Past Due (the invoice table's record_payment flags).
    changes: (locked) => ({ paidCents: locked.paidCents + amountCents }),
    summary,
    details: { amountCents, method: params.method, reference: params.reference, receiptId },
  });
  if (!invoice.patientId) throw new AppError("invalid_transition", "This invoice has no patient.");

  await tx.insert(payments).values({
    clinicId,
    invoiceId,
    method: params.method,
    amountCents,
    reference: params.reference,
    receivedAt: params.receivedAt,
    receiptId,
    externalId: params.externalId ?? null,
    recordedByUserId: actorUserId(actor),
  });

  const invoiceSet =
    invoice.invoiceSetId && params.refreshSet !== false
      ? await refreshInvoiceSetBalance(tx, { clinicId, invoiceSetId: invoice.invoiceSetId, actor })
      : null;
  return { receiptId, invoice, patientId: invoice.patientId, invoiceSet };
}

/** Whether a provider payment with this id was already recorded (a replayed webhook). */
export async function findRecordedReceipt(tx: Tx, clinicId: string, externalId: string): Promise<string | null> {
  const [row] = await tx
    .select({ receiptId: payments.receiptId })
    .from(payments)
    .where(and(eq(payments.clinicId, clinicId), eq(payments.externalId, externalId)))
    .limit(1);
  return row?.receiptId ?? null;
}
