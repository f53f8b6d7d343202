import { formatCents } from "@/lib/money";

export type PaymentAmountCheck = { ok: true; amountCents: number } | { ok: false; message: string };

/**
 * What a patient may pay online: the whole balance, or a part of it no smaller than the
 * clinic's minimum (a balance below the minimum may still be paid in full).
 */
export function checkPaymentAmount(params: {
  requestedCents: number | null;
  balanceCents: number;
  minimumCents: number;
}): PaymentAmountCheck {
  const { requestedCents, balanceCents } = params;
  if (balanceCents <= 0) return { ok: false, message: "There is nothing left to pay on this statement." };
  if (requestedCents === null)
    return { ok: false, message: "Enter an amount in dollars and cents, for example 25.00." };
  const minimum = Math.min(params.minimumCents, balanceCents);
  if (requestedCents < minimum)
    return { ok: false, message: `The smallest online payment is ${formatCents(minimum)}.` };
  if (requestedCents > balanceCents)
    return { ok: false, message: `You can pay at most your balance, ${formatCents(balanceCents)}.` };
  return { ok: true, amountCents: requestedCents };
}
