import "server-only";
import { and, eq, sum } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets, payments } from "@/db/schema";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";

export interface CheckoutStatus {
  setStatus: InvoiceSetStatus;
  amountOutstandingCents: number;
  /** What the webhook recorded for this Checkout Session; null until it lands. */
  recordedCents: number | null;
}

/** For the return page after Stripe: has the signed webhook recorded this session yet? */
export async function getCheckoutStatus(
  db: Executor,
  params: { clinicId: string; invoiceSetId: string; checkoutSessionId: string },
): Promise<CheckoutStatus | null> {
  const [set] = await db
    .select({ status: invoiceSets.status, amountOutstandingCents: invoiceSets.amountOutstandingCents })
    .from(invoiceSets)
    .where(and(eq(invoiceSets.id, params.invoiceSetId), eq(invoiceSets.clinicId, params.clinicId)));
  if (!set) return null;
  const [recorded] = await db
    .select({ total: sum(payments.amountCents).mapWith(Number) })
    .from(payments)
    .where(and(eq(payments.clinicId, params.clinicId), eq(payments.externalId, params.checkoutSessionId)));
  return {
    setStatus: set.status,
    amountOutstandingCents: set.amountOutstandingCents,
    recordedCents: recorded?.total ? recorded.total : null,
  };
}
