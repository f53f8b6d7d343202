import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { cardCharges } from "@/db/schema";
import type { CardChargeStatus } from "./statuses";

/** A card charge settles once: pending → succeeded or failed. Nothing else moves. */
export const CARD_CHARGE_TRANSITIONS: Record<"succeed" | "fail", { from: CardChargeStatus; to: CardChargeStatus }> = {
  succeed: { from: "pending", to: "succeeded" },
  fail: { from: "pending", to: "failed" },
};

/** The one writer of card_charges.status. Returns false when the charge had already settled. */
export async function settleCardCharge(
  tx: Tx,
  params: {
    clinicId: string;
    chargeId: string;
    action: keyof typeof CARD_CHARGE_TRANSITIONS;
    paymentIntentId: string | null;
    failureMessage: string | null;
    now: Date;
  },
): Promise<boolean> {
  const rule = CARD_CHARGE_TRANSITIONS[params.action];
  const rows = await tx
    .update(cardCharges)
    .set({
      status: rule.to,
      paymentIntentId: params.paymentIntentId,
      failureMessage: params.failureMessage,
      settledAt: params.now,
    })
    .where(
      and(
        eq(cardCharges.id, params.chargeId),
        eq(cardCharges.clinicId, params.clinicId),
        eq(cardCharges.status, rule.from),
      ),
    )
    .returning({ id: cardCharges.id });
  return rows.length > 0;
}
