/** The Twilio auth token the e2e server verifies callbacks with (playwright.config.ts webServer env). */
export const E2E_TWILIO_AUTH_TOKEN = "e2e-twilio-auth-token";
