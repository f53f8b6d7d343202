import type { Tx } from "@/db/connect";
import type { Actor } from "@/lib/actor";
import type { InvoiceSetStatus } from "./statuses";
import { transitionPaymentPlans } from "./transition-payment-plans";

/** Ends the active plans of sets that just closed: paid off = Completed, any other close = Cancelled. */
export async function endPaymentPlansOfClosedSets(
  tx: Tx,
  params: {
    clinicId: string;
    closed: readonly { invoiceSetId: string; to: InvoiceSetStatus }[];
    actor: Actor;
    now: Date;
  },
): Promise<void> {
  const { clinicId, closed, actor, now } = params;
  const paid = closed.filter((set) => set.to === "paid").map((set) => set.invoiceSetId);
  const other = closed.filter((set) => set.to !== "paid").map((set) => set.invoiceSetId);
  await transitionPaymentPlans(tx, {
    clinicId,
    action: "complete",
    invoiceSetIds: paid,
    reason: "Paid in full",
    actor,
    now,
  });
  await transitionPaymentPlans(tx, {
    clinicId,
    action: "cancel",
    invoiceSetIds: other,
    reason: "The invoice set was closed",
    actor,
    now,
  });
}
