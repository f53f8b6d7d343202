import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { resolvePatientLink } from "@/lib/patient-links/resolve-patient-link";
import { isVerifiedFor, VERIFICATION_COOKIE } from "./verification-cookie";

/** One lookup per request, shared by the patient layout and page. */
export const loadPatientLink = cache(async (token: string) => {
  const { db } = await getDb();
  return resolvePatientLink(db, token);
});

/** Whether this browser confirmed the date of birth for this link in the last 30 minutes. */
export async function isBrowserVerified(linkId: string): Promise<boolean> {
  const jar = await cookies();
  return isVerifiedFor(jar.get(VERIFICATION_COOKIE)?.value, linkId);
}
