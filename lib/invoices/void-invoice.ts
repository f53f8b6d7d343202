import type { Tx } from "@/db/connect";
import type { Invoice } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import {
  type RefreshedInvoiceSetBalance,
  refreshInvoiceSetBalance,
} from "@/lib/invoice-sets/refresh-invoice-set-balance";
import { transitionInvoice } from "@/lib/state-machine/transition-invoice";

/**
 * Issued → Voided, with a reason. The state machine refuses an invoice that has payments
 * ("Refund or reverse them before voiding"): voiding must never hide money received. A void
 * clears Past Due and takes the invoice out of its set's amount outstanding.
 */
export async function voidInvoice(
  tx: Tx,
  params: { clinicId: string; invoiceId: string; actor: Actor; reason: string; now?: Date },
): Promise<{ invoice: Invoice; invoiceSet: RefreshedInvoiceSetBalance | null }> {
  const reason = params.reason.trim();
  if (!reason)
    throw new AppError("invalid_input", "Enter a reason for voiding this invoice.", { reason: ["Enter a reason."] });
  const now = params.now ?? new Date();
  const { invoice } = await transitionInvoice(tx, {
    clinicId: params.clinicId,
    invoiceId: params.invoiceId,
    action: "void",
    actor: params.actor,
    changes: () => ({ voidedAt: now, voidReason: reason }),
    details: { reason },
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
