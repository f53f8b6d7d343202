/** Tries per installment: the first on its date, then again after RETRY_DAYS (Stripe suggests a few days apart). */
export const MAX_CHARGE_ATTEMPTS = 3;
export const RETRY_DAYS = 3;
