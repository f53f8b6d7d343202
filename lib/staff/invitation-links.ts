import "server-only";
import { env } from "@/lib/env";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export function invitationUrl(token: string): string {
  return new URL(`/invite/${token}`, env().APP_URL).toString();
}
