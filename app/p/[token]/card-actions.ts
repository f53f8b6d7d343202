"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { linkTokenSchema } from "@/lib/patient-links/tokens";
import { isBrowserVerified, loadPatientLink } from "@/lib/patient-portal/load-patient-link";
import { clientIp } from "@/lib/security/request-ip";
import { createCardSetupSession } from "@/lib/stripe/create-card-setup-session";

export interface SaveCardState {
  error?: string;
}

const consentInput = z.object({ consent: z.literal("yes", "Tick the box to agree before saving a card.") });

/** "Save card": a verified patient who agreed is sent to Stripe's page to enter the card. */
export async function startCardSetupAction(
  token: string,
  _previous: SaveCardState,
  formData: FormData,
): Promise<SaveCardState> {
  const parsedToken = linkTokenSchema.safeParse(token);
  if (!parsedToken.success) redirect("/p/unavailable");
  const consent = consentInput.safeParse({ consent: formData.get("consent") });
  if (!consent.success) return { error: "Tick the box to agree before saving a card." };

  const resolved = await loadPatientLink(parsedToken.data);
  if (resolved.state !== "ok") redirect(`/p/${parsedToken.data}`);
  if (!(await isBrowserVerified(resolved.link.id))) {
    return { error: "Your session has ended. Reload the page and confirm your date of birth again." };
  }
  let url: string;
  try {
    const { db } = await getDb();
    ({ url } = await createCardSetupSession(db, { token: parsedToken.data, consentIp: clientIp(await headers()) }));
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
  redirect(url);
}
