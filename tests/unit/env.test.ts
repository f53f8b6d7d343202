import { describe, expect, test } from "vitest";
import { parseEnv } from "@/lib/env";

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

  test("empty values count as unset", () => {
    expect(parseEnv({ ...base, DATABASE_URL: "", STRIPE_SECRET_KEY: " " }).DATABASE_URL).toBeUndefined();
  });
});
