import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { invoiceSets, invoices } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { INVOICE_TRANSITIONS } from "@/lib/state-machine/invoice";
import type { InvoiceSetAction } from "@/lib/state-machine/invoice-set";
import { type InvoiceSetStatus, isOpenInvoiceSetStatus } from "@/lib/state-machine/statuses";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";

/** Invoices in these statuses still owe money; the same statuses a payment may be recorded on. */
export const COLLECTIBLE_INVOICE_STATUSES = INVOICE_TRANSITIONS.record_payment.from;

export interface RefreshedInvoiceSetBalance {
  invoiceSetId: string;
  amountOutstandingCents: number;
  status: InvoiceSetStatus;
  /** Set when this refresh closed the set (its outreach must stop): the action that closed it. */
  closedBy: Extract<InvoiceSetAction, "balance_cleared" | "write_off" | "cancel"> | null;
}

/**
 * The one place an invoice set's amount outstanding is recomputed: the sum of the balances
 * of its invoices that are still in collection (issued or partially paid, not bad debt).
 * Call it in the same transaction as any change to an invoice's balance, status or flags.
 *
 * When an open set's amount reaches 0 it closes through the state machine:
 * - `write_off` when what is left was marked bad debt (nothing was paid off, it was written off),
 * - `cancel` when every invoice in it was voided (there was never anything to collect),
 * - otherwise `balance_cleared` (Paid).
 */
export async function refreshInvoiceSetBalance(
  tx: Tx,
  params: { clinicId: string; invoiceSetId: string; actor: Actor },
): Promise<RefreshedInvoiceSetBalance> {
  const { clinicId, invoiceSetId, actor } = params;
  // Lock the set before summing: a concurrent change to another invoice of this set waits
  // here, then sums what that one committed, so no update of the amount is lost. NO KEY
  // UPDATE, because timeline rows inserted earlier in both transactions hold KEY SHARE on
  // the set (foreign key); FOR UPDATE would deadlock against them.
  const [locked] = await tx
    .select({ id: invoiceSets.id })
    .from(invoiceSets)
    .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)))
    .for("no key update");
  if (!locked) throw new AppError("not_found", "This invoice set was not found. It may belong to another clinic.");

  const collectible = and(
    eq(invoices.invoiceSetId, invoiceSetId),
    eq(invoices.clinicId, clinicId),
    inArray(invoices.status, COLLECTIBLE_INVOICE_STATUSES),
  );
  const [totals] = await tx
    .select({
      outstanding: sql<number>`coalesce(sum(${invoices.totalCents} - ${invoices.paidCents}) filter (where not ${invoices.badDebt}), 0)::int`,
      badDebt: sql<number>`coalesce(sum(${invoices.totalCents} - ${invoices.paidCents}) filter (where ${invoices.badDebt}), 0)::int`,
    })
    .from(invoices)
    .where(collectible);
  const outstanding = Number(totals?.outstanding ?? 0);

  const [updated] = await tx
    .update(invoiceSets)
    .set({ amountOutstandingCents: outstanding, updatedAt: new Date() })
    .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)))
    .returning({ status: invoiceSets.status });
  if (!updated) throw new AppError("not_found", "This invoice set was not found. It may belong to another clinic.");

  if (outstanding > 0 || !isOpenInvoiceSetStatus(updated.status)) {
    return { invoiceSetId, amountOutstandingCents: outstanding, status: updated.status, closedBy: null };
  }

  const closedBy = await closingAction(tx, clinicId, invoiceSetId, Number(totals?.badDebt ?? 0));
  const result = await transitionInvoiceSet(tx, { clinicId, invoiceSetId, action: closedBy, actor });
  return { invoiceSetId, amountOutstandingCents: outstanding, status: result.to, closedBy };
}

async function closingAction(tx: Tx, clinicId: string, invoiceSetId: string, badDebtCents: number) {
  if (badDebtCents > 0) return "write_off" as const;
  const [live] = await tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(
        eq(invoices.invoiceSetId, invoiceSetId),
        eq(invoices.clinicId, clinicId),
        sql`${invoices.status} <> 'voided'`,
      ),
    )
    .limit(1);
  return live ? ("balance_cleared" as const) : ("cancel" as const);
}
