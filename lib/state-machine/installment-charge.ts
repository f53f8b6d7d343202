import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { paymentPlanCharges } from "@/db/schema";
import type { InstallmentChargeStatus } from "./statuses";

/** An autopay attempt settles once: pending → succeeded or failed. Nothing else moves. */
export const INSTALLMENT_CHARGE_TRANSITIONS: Record<
  "succeed" | "fail",
  { from: InstallmentChargeStatus; to: InstallmentChargeStatus }
> = {
  succeed: { from: "pending", to: "succeeded" },
  fail: { from: "pending", to: "failed" },
};

/** The one writer of payment_plan_charges.status. Returns false when the charge had already settled. */
export async function settleInstallmentCharge(
  tx: Tx,
  params: {
    clinicId: string;
    chargeId: string;
    action: keyof typeof INSTALLMENT_CHARGE_TRANSITIONS;
    paymentIntentId: string | null;
    failureMessage: string | null;
    now: Date;
  },
): Promise<boolean> {
  const rule = INSTALLMENT_CHARGE_TRANSITIONS[params.action];
  const rows = await tx
    .update(paymentPlanCharges)
    .set({
      status: rule.to,
      paymentIntentId: params.paymentIntentId,
      failureMessage: params.failureMessage,
      settledAt: params.now,
    })
    .where(
      and(
        eq(paymentPlanCharges.id, params.chargeId),
        eq(paymentPlanCharges.clinicId, params.clinicId),
        eq(paymentPlanCharges.status, rule.from),
      ),
    )
    .returning({ id: paymentPlanCharges.id });
  return rows.length > 0;
}
