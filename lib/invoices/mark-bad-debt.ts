import type { Tx } from "@/db/connect";
import type { Invoice } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import {
  type RefreshedInvoiceSetBalance,
  refreshInvoiceSetBalance,
} from "@/lib/invoice-sets/refresh-invoice-set-balance";
import { transitionInvoice } from "@/lib/state-machine/transition-invoice";

/**
 * Flags an issued or partially paid invoice as Bad Debt: it stays in the records (and can
 * still be paid) but leaves collection, so its balance no longer counts in its set's amount
 * outstanding. A set left with nothing but bad debt is written off.
 */
export async function markInvoiceBadDebt(
  tx: Tx,
  params: { clinicId: string; invoiceId: string; actor: Actor },
): Promise<{ invoice: Invoice; invoiceSet: RefreshedInvoiceSetBalance | null }> {
  const { invoice } = await transitionInvoice(tx, {
    clinicId: params.clinicId,
    invoiceId: params.invoiceId,
    action: "mark_bad_debt",
    actor: params.actor,
  });
  const invoiceSet = invoice.invoiceSetId
    ? await refreshInvoiceSetBalance(tx, {
        clinicId: params.clinicId,
        invoiceSetId: invoice.invoiceSetId,
        actor: params.actor,
      })
    : null;
  return { invoice, invoiceSet };
}
