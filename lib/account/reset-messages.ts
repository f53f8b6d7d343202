/** How long a reset link works. */
export const RESET_MINUTES = 30;

export const RESET_REQUESTED = `If that email belongs to a staff account, we sent it a link to reset the password. It works for ${RESET_MINUTES} minutes.`;

export const RESET_LINK_DEAD =
  "This reset link can't be used: it has expired or was already used. Ask for a new one from the sign-in page.";
