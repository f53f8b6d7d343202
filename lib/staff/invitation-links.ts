/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** The public link in an invitation; the base is APP_URL (the CLI passes its own). */
export function invitationUrl(token: string, appUrl: string): string {
  return new URL(`/invite/${token}`, appUrl).toString();
}
