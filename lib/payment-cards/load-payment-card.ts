import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { type PaymentCard, paymentCards } from "@/db/schema";
import { formatDateInZone } from "@/lib/format/dates";

/** The patient's card on file in this clinic, or null. */
export async function loadPaymentCard(
  db: Executor,
  ref: { clinicId: string; patientId: string },
): Promise<PaymentCard | null> {
  const [card] = await db
    .select()
    .from(paymentCards)
    .where(and(eq(paymentCards.clinicId, ref.clinicId), eq(paymentCards.patientId, ref.patientId)));
  return card ?? null;
}

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
};

/** "Visa •••• 4242, exp 04/28, consented Nov 3, 2026" */
export function describePaymentCard(card: PaymentCard, timeZone: string): string {
  const brand = BRANDS[card.brand] ?? card.brand;
  const exp = `${String(card.expMonth).padStart(2, "0")}/${String(card.expYear % 100).padStart(2, "0")}`;
  return `${brand} •••• ${card.last4}, exp ${exp}, consented ${formatDateInZone(card.consentedAt, timeZone)}`;
}
