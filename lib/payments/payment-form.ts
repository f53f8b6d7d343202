import { z } from "zod";
import { calendarDateInZone, noonOfCalendarDate } from "@/lib/format/dates";
import { parseDollarsToCents } from "@/lib/money";
import { PAYMENT_METHODS } from "./payment-input";

/** What staff type into Record Payment / Take Payment; the amount becomes integer cents. */
export const paymentFormSchema = z.object({
  method: z.enum(PAYMENT_METHODS, "Choose a payment method: card, cash, check or ACH."),
  amount: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const cents = parseDollarsToCents(value);
      if (cents === null || cents <= 0) {
        ctx.addIssue({ code: "custom", message: "Enter an amount above $0.00, like 40.00." });
        return z.NEVER;
      }
      return cents;
    }),
  reference: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .transform((value) => value || null)
    .nullish()
    .transform((value) => value ?? null),
  receivedOn: z.iso.date("Enter the date the payment was received."),
});

export type PaymentFormInput = z.output<typeof paymentFormSchema>;

/**
 * The moment to store for a payment received on a calendar day in the clinic's zone: now
 * when it is today, noon that day otherwise. A future day is refused.
 */
export function receivedAtFromDate(day: string, timeZone: string, now: Date = new Date()): Date | null {
  const today = calendarDateInZone(now, timeZone);
  if (day > today) return null;
  if (day === today) return now;
  return noonOfCalendarDate(day, timeZone);
}
