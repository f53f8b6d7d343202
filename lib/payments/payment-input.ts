import { z } from "zod";
import { paymentMethodEnum } from "@/db/schema";
import type { Actor } from "@/lib/actor";

export const PAYMENT_METHODS = paymentMethodEnum.enumValues;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  card: "Card",
  cash: "Cash",
  check: "Check",
  ach: "ACH",
};

export const paymentMethodSchema = z.enum(PAYMENT_METHODS);

/** What every payment carries, whoever records it (staff, the patient page, a provider webhook). */
export interface PaymentDetails {
  clinicId: string;
  amountCents: number;
  method: PaymentMethod;
  reference: string | null;
  receivedAt: Date;
  actor: Actor;
  /** The provider's id for this payment (e.g. a Stripe Checkout Session): a replay pays nothing twice. */
  externalId?: string | null;
}
