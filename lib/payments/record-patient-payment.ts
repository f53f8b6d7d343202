import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { invoices, patients } from "@/db/schema";
import { AppError } from "@/lib/errors";
import {
  COLLECTIBLE_INVOICE_STATUSES,
  type RefreshedInvoiceSetBalance,
  refreshInvoiceSetBalance,
} from "@/lib/invoice-sets/refresh-invoice-set-balance";
import { formatCents } from "@/lib/money";
import type { PaymentDetails } from "./payment-input";
import { findRecordedReceipt, recordInvoicePayment } from "./record-payment";

export interface PatientPaymentResult {
  receiptId: string;
  /** True when externalId was already recorded: nothing changed this time. */
  replayed: boolean;
  /** The parts of the payment, oldest invoice first. */
  allocations: { invoiceId: string; invoiceNumber: number; amountCents: number }[];
  /** Every set whose balance changed, with its status after the payment. */
  invoiceSets: RefreshedInvoiceSetBalance[];
  /** Sets this payment paid off (their outreach must stop). */
  paidInvoiceSetIds: string[];
}

/**
 * Splits one amount in cents over parts of at most each balance, oldest first. Pure, so the
 * rule (the parts add up exactly, no part exceeds its balance) is unit-tested on its own.
 */
export function allocateOldestFirst<T extends { balanceCents: number }>(
  amountCents: number,
  owed: readonly T[],
): { item: T; amountCents: number }[] {
  const parts: { item: T; amountCents: number }[] = [];
  let left = amountCents;
  for (const item of owed) {
    if (left <= 0) break;
    const part = Math.min(left, item.balanceCents);
    if (part > 0) parts.push({ item, amountCents: part });
    left -= part;
  }
  return parts;
}

/**
 * One payment from a patient (staff's Take Payment, the patient page, a provider webhook),
 * allocated oldest-first over the patient's issued and partially paid invoices. Each part
 * goes through the state machine; each touched set's amount outstanding follows and a set
 * that reaches 0 becomes Paid. More than the patient owes is refused and changes nothing.
 * A payment whose externalId was already recorded is a no-op (a replayed webhook).
 * Publish paymentEvents(...) after the transaction commits.
 */
export async function recordPatientPayment(
  tx: Tx,
  params: PaymentDetails & { patientId: string },
): Promise<PatientPaymentResult> {
  const { clinicId, patientId, amountCents, actor } = params;
  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    throw new AppError("invalid_input", "The payment amount must be more than $0.00.", {
      amount: ["Enter an amount above $0.00."],
    });
  }

  // One payment per patient at a time: replays and concurrent payments queue here.
  const [patient] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)))
    .for("update");
  if (!patient) throw new AppError("not_found", "This patient was not found. They may belong to another clinic.");

  if (params.externalId) {
    const receiptId = await findRecordedReceipt(tx, clinicId, params.externalId);
    if (receiptId) return { receiptId, replayed: true, allocations: [], invoiceSets: [], paidInvoiceSetIds: [] };
  }

  const owed = await tx
    .select({
      id: invoices.id,
      number: invoices.number,
      invoiceSetId: invoices.invoiceSetId,
      balanceCents: sql<number>`(${invoices.totalCents} - ${invoices.paidCents})::int`,
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.clinicId, clinicId),
        eq(invoices.patientId, patientId),
        inArray(invoices.status, COLLECTIBLE_INVOICE_STATUSES),
        sql`${invoices.totalCents} > ${invoices.paidCents}`,
      ),
    )
    // Oldest first; bad debt last, so money goes to what is still being collected.
    .orderBy(asc(invoices.badDebt), asc(invoices.issuedAt), asc(invoices.number))
    .for("update");

  const totalOwed = owed.reduce((sum, invoice) => sum + Number(invoice.balanceCents), 0);
  if (totalOwed === 0) {
    throw new AppError("invalid_transition", "This patient has no outstanding balance to pay.");
  }
  if (amountCents > totalOwed) {
    throw new AppError(
      "invalid_input",
      `The payment of ${formatCents(amountCents)} is more than the patient's balance of ${formatCents(totalOwed)}. Nothing was recorded.`,
      { amount: [`Enter at most ${formatCents(totalOwed)}.`] },
    );
  }

  const receiptId = randomUUID();
  const parts = allocateOldestFirst(
    amountCents,
    owed.map((invoice) => ({ ...invoice, balanceCents: Number(invoice.balanceCents) })),
  );
  for (const part of parts) {
    await recordInvoicePayment(tx, {
      ...params,
      invoiceId: part.item.id,
      amountCents: part.amountCents,
      receiptId,
      refreshSet: false,
    });
  }

  const setIds = [...new Set(parts.map((part) => part.item.invoiceSetId).filter((id): id is string => id !== null))];
  const invoiceSets: RefreshedInvoiceSetBalance[] = [];
  for (const invoiceSetId of setIds) {
    invoiceSets.push(await refreshInvoiceSetBalance(tx, { clinicId, invoiceSetId, actor }));
  }

  return {
    receiptId,
    replayed: false,
    allocations: parts.map((part) => ({
      invoiceId: part.item.id,
      invoiceNumber: part.item.number,
      amountCents: part.amountCents,
    })),
    invoiceSets,
    paidInvoiceSetIds: invoiceSets.filter((set) => set.closedBy === "balance_cleared").map((set) => set.invoiceSetId),
  };
}
