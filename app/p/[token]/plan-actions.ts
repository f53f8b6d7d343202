"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { linkTokenSchema } from "@/lib/patient-links/tokens";
import { isBrowserVerified, loadPatientLink } from "@/lib/patient-portal/load-patient-link";
import { choosePatientPaymentPlan } from "@/lib/payment-plans/choose-patient-payment-plan";
import { clientIp } from "@/lib/security/request-ip";

export interface ChoosePlanState {
  error?: string;
}

const planInput = z.object({ months: z.coerce.number().int().min(1).max(60) });

/** "Start payment plan": a verified patient picks one of the clinic's plan lengths. */
export async function choosePlanAction(
  token: string,
  _previous: ChoosePlanState,
  formData: FormData,
): Promise<ChoosePlanState> {
  const parsedToken = linkTokenSchema.safeParse(token);
  if (!parsedToken.success) redirect("/p/unavailable");
  const input = planInput.safeParse({ months: formData.get("months") });
  if (!input.success) return { error: "Choose how many months to pay over." };
  const resolved = await loadPatientLink(parsedToken.data);
  if (resolved.state !== "ok") redirect(`/p/${parsedToken.data}`);
  if (!(await isBrowserVerified(resolved.link.id))) {
    return { error: "Your session has ended. Reload the page and confirm your date of birth again." };
  }
  try {
    const { db } = await getDb();
    await choosePatientPaymentPlan(db, {
      token: parsedToken.data,
      months: input.data.months,
      ip: clientIp(await headers()),
    });
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
  redirect(`/p/${parsedToken.data}`);
}
