"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { parseDollarsToCents } from "@/lib/money";
import { linkTokenSchema } from "@/lib/patient-links/tokens";
import { parseDateOfBirth } from "@/lib/patient-portal/date-of-birth-input";
import { isBrowserVerified, loadPatientLink } from "@/lib/patient-portal/load-patient-link";
import { lockedMessage } from "@/lib/patient-portal/locked-message";
import { requestIp } from "@/lib/patient-portal/request-ip";
import {
  createVerificationValue,
  VERIFICATION_COOKIE,
  verificationCookieOptions,
} from "@/lib/patient-portal/verification-cookie";
import { verifyDateOfBirth } from "@/lib/patient-portal/verify-date-of-birth";
import { createCheckoutSession } from "@/lib/stripe/create-checkout-session";

export interface IdentityState {
  error?: string;
  locked?: boolean;
}

/** Bound to the page's token; the form sends month, day and year. */
export async function verifyIdentityAction(
  token: string,
  _previous: IdentityState,
  formData: FormData,
): Promise<IdentityState> {
  const parsedToken = linkTokenSchema.safeParse(token);
  if (!parsedToken.success) redirect("/p/unavailable");
  const dateOfBirth = parseDateOfBirth({
    month: formData.get("month"),
    day: formData.get("day"),
    year: formData.get("year"),
  });
  if (!dateOfBirth.ok) return { error: dateOfBirth.message };

  const { db } = await getDb();
  const result = await verifyDateOfBirth(db, {
    token: parsedToken.data,
    dateOfBirth: dateOfBirth.value,
    ip: requestIp(await headers()),
  });
  switch (result.outcome) {
    case "unavailable":
      return redirect(`/p/${parsedToken.data}`);
    case "locked":
      return { locked: true, error: lockedMessage(result.lockedUntil) };
    case "wrong":
      return {
        error:
          result.attemptsLeft > 0
            ? `That date of birth doesn't match our records. Check it and try again (${result.attemptsLeft} ${result.attemptsLeft === 1 ? "try" : "tries"} left).`
            : "That date of birth doesn't match our records.",
      };
    case "verified": {
      const { value, expiresAt } = createVerificationValue(result.linkId);
      (await cookies()).set(VERIFICATION_COOKIE, value, verificationCookieOptions(expiresAt));
      redirect(`/p/${parsedToken.data}`);
    }
  }
}

export interface PayState {
  error?: string;
}

const payInput = z.object({ amount: z.string().trim().max(20) });

/** Starts Stripe Checkout for a verified visitor and sends the browser there. */
export async function startPaymentAction(token: string, _previous: PayState, formData: FormData): Promise<PayState> {
  const parsedToken = linkTokenSchema.safeParse(token);
  const input = payInput.safeParse({ amount: formData.get("amount") ?? "" });
  if (!parsedToken.success) redirect("/p/unavailable");
  if (!input.success) return { error: "Enter an amount in dollars and cents, for example 25.00." };

  const resolved = await loadPatientLink(parsedToken.data);
  if (resolved.state !== "ok") redirect(`/p/${parsedToken.data}`);
  if (!(await isBrowserVerified(resolved.link.id))) {
    return { error: "Your session has ended. Reload the page and confirm your date of birth again." };
  }

  let url: string;
  try {
    const { db } = await getDb();
    ({ url } = await createCheckoutSession(db, {
      token: parsedToken.data,
      requestedCents: parseDollarsToCents(input.data.amount),
    }));
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
  redirect(url);
}
