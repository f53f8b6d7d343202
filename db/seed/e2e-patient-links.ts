/**
 * TEST-ONLY patient links for the Playwright suite. They are written only when the seed runs
 * with E2E_PATIENT_LINK_TOKENS=1 (scripts/e2e-server.sh via playwright.config.ts), never in
 * a demo or production database. Real tokens are random (lib/patient-links/tokens.ts).
 */
export const E2E_PATIENT_LINKS = {
  statement: { token: "e2e_statement_link_token_0000000000000001", dateOfBirth: "1984-07-09" },
  lockout: { token: "e2e_lockout_link_token_000000000000000002", dateOfBirth: "1990-02-03" },
  pay: { token: "e2e_pay_link_token_0000000000000000000003", dateOfBirth: "1979-11-30" },
  /** Saves a card and chooses a payment plan. */
  plan: { token: "e2e_plan_link_token_000000000000000000006", dateOfBirth: "1988-05-17" },
  /** The accessibility walk's own link: its wrong answer must not use up another spec's tries. */
  a11y: { token: "e2e_a11y_link_token_000000000000000000007", dateOfBirth: "1992-03-14" },
  /** Same set as `statement`, already expired / revoked. */
  expired: { token: "e2e_expired_link_token_000000000000000004", dateOfBirth: "1984-07-09" },
  revoked: { token: "e2e_revoked_link_token_000000000000000005", dateOfBirth: "1984-07-09" },
} as const;
