import { describe, expect, test } from "vitest";
import { outreachSendsPerMinute, parseDatabaseEnv, parseEnv } from "@/lib/env-schema";

const base = { AUTH_SECRET: "x".repeat(32) };

describe("environment validation", () => {
  test("a minimal environment is enough: providers are optional", () => {
    const env = parseEnv(base);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.TWILIO_ACCOUNT_SID).toBeUndefined();
  });

  test("names each variable that is missing or malformed", () => {
    const message = (() => {
      try {
        parseEnv({ DATABASE_URL: "not a url", APP_URL: "nope" });
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("AUTH_SECRET: is required");
    expect(message).toContain("DATABASE_URL: must be a full URL");
    expect(message).toContain("APP_URL: must be a full URL");
  });

  test("a provider half-configured is refused with what is missing", () => {
    expect(() => parseEnv({ ...base, TWILIO_ACCOUNT_SID: "AC123", TWILIO_AUTH_TOKEN: "t" })).toThrow(
      "TWILIO_FROM_NUMBER: or TWILIO_MESSAGING_SERVICE_SID is required when TWILIO_ACCOUNT_SID is set",
    );
    expect(() => parseEnv({ ...base, RESEND_API_KEY: "re_123" })).toThrow(
      "RESEND_FROM: is required when RESEND_API_KEY is set",
    );
  });

  test("the test-only fake clock endpoint is refused unless the app is served on a loopback address", () => {
    expect(() => parseEnv({ ...base, E2E_CLOCK_ENDPOINT: "1", APP_URL: "https://billing.example.com" })).toThrow(
      "E2E_CLOCK_ENDPOINT: is for tests only: APP_URL must be a loopback address (127.0.0.1 or localhost)",
    );
    expect(() => parseEnv({ ...base, E2E_CLOCK_ENDPOINT: "yes", APP_URL: "http://127.0.0.1:3204" })).toThrow(
      "E2E_CLOCK_ENDPOINT: must be 1 or unset",
    );
    expect(parseEnv({ ...base, E2E_CLOCK_ENDPOINT: "1", APP_URL: "http://127.0.0.1:3204" }).E2E_CLOCK_ENDPOINT).toBe(
      "1",
    );
    expect(parseEnv(base).E2E_CLOCK_ENDPOINT).toBeUndefined();
  });

  test("empty values count as unset", () => {
    expect(parseEnv({ ...base, DATABASE_URL: "", STRIPE_SECRET_KEY: " " }).DATABASE_URL).toBeUndefined();
  });

  test("numbers are whole and positive, else start-up stops naming the variable", () => {
    expect(parseEnv(base)).toMatchObject({ DATABASE_POOL_SIZE: 10, OUTREACH_SENDS_PER_MINUTE: 60 });
    expect(parseEnv({ ...base, DATABASE_POOL_SIZE: "4" }).DATABASE_POOL_SIZE).toBe(4);
    expect(() => parseEnv({ ...base, DATABASE_POOL_SIZE: "abc" })).toThrow(
      'DATABASE_POOL_SIZE: must be a whole number above 0 (got "abc")',
    );
    expect(() => parseDatabaseEnv({ DATABASE_POOL_SIZE: "0" })).toThrow("DATABASE_POOL_SIZE: must be a whole number");
    expect(() => outreachSendsPerMinute({ OUTREACH_SENDS_PER_MINUTE: "1.5" })).toThrow("OUTREACH_SENDS_PER_MINUTE");
    expect(outreachSendsPerMinute({ OUTREACH_SENDS_PER_MINUTE: "30" })).toBe(30);
  });

  test("the outreach engine: local unless something points at Inngest", () => {
    expect(parseEnv(base).OUTREACH_ENGINE).toBe("local");
    expect(parseEnv({ ...base, INNGEST_DEV: "1" }).OUTREACH_ENGINE).toBe("inngest");
    expect(parseEnv({ ...base, INNGEST_EVENT_KEY: "k" }).OUTREACH_ENGINE).toBe("inngest");
    expect(parseEnv({ ...base, INNGEST_BASE_URL: "http://127.0.0.1:8288" }).OUTREACH_ENGINE).toBe("inngest");
    expect(parseEnv({ ...base, INNGEST_DEV: "1", OUTREACH_ENGINE: "local" }).OUTREACH_ENGINE).toBe("local");
    expect(() => parseEnv({ ...base, OUTREACH_ENGINE: "cron" })).toThrow("OUTREACH_ENGINE: must be inngest or local");
  });

  test("production refuses INNGEST_DEV and needs a signing key for Inngest", () => {
    const production = { ...base, NODE_ENV: "production" };
    expect(() => parseEnv({ ...production, INNGEST_DEV: "1", INNGEST_SIGNING_KEY: "s" })).toThrow(
      "INNGEST_DEV: must not be set in production",
    );
    expect(() => parseEnv({ ...production, INNGEST_EVENT_KEY: "k" })).toThrow(
      "INNGEST_SIGNING_KEY: is required in production",
    );
    expect(parseEnv({ ...production, INNGEST_EVENT_KEY: "k", INNGEST_SIGNING_KEY: "s" }).OUTREACH_ENGINE).toBe(
      "inngest",
    );
    expect(parseEnv(production).OUTREACH_ENGINE).toBe("local");
  });
});
