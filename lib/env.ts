import "server-only";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();
const optionalUrl = optionalText.pipe(z.url("must be a full URL such as https://example.com").optional());

/** Security settings: how many proxies in front of the app append to X-Forwarded-For (0 = none; use the socket). */
const securityEnv = {
  TRUSTED_PROXY_HOPS: optionalText.pipe(
    z.coerce
      .number<string | undefined>("must be a whole number of proxies, such as 1")
      .int("must be a whole number of proxies, such as 1")
      .min(0, "must be 0 or more")
      .max(10, "must be at most 10")
      .default(0),
  ),
};

/**
 * Every environment variable the server reads, validated once. Providers are optional:
 * without their keys messages go to the local outbox and online payment is off.
 */
const envSchema = z
  .object({
    ...securityEnv,
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalUrl,
    PGLITE_DIR: optionalText,
    AUTH_SECRET: z
      .string({ error: "is required (try: openssl rand -base64 32)" })
      .min(32, "must be at least 32 characters (try: openssl rand -base64 32)"),
    /** Public base URL of the app: patient links and Twilio signatures are made against it. */
    APP_URL: z.url("must be a full URL such as https://billing.example.com").default("http://localhost:3000"),
    INNGEST_DEV: optionalText,
    INNGEST_EVENT_KEY: optionalText,
    INNGEST_SIGNING_KEY: optionalText,
    TWILIO_ACCOUNT_SID: optionalText.pipe(z.string().startsWith("AC", "must start with AC").optional()),
    TWILIO_AUTH_TOKEN: optionalText,
    TWILIO_MESSAGING_SERVICE_SID: optionalText,
    TWILIO_FROM_NUMBER: optionalText,
    /** Test-only: send Twilio API calls to this origin (a local fake) instead of api.twilio.com. */
    TWILIO_API_ORIGIN: optionalUrl,
    RESEND_API_KEY: optionalText,
    RESEND_FROM: optionalText,
    RESEND_WEBHOOK_SECRET: optionalText,
    /** Test-only: a local fake of the Resend API. */
    RESEND_BASE_URL: optionalUrl,
    STRIPE_SECRET_KEY: optionalText,
    STRIPE_WEBHOOK_SECRET: optionalText,
    /** Test-only: a local fake of the Stripe API, e.g. http://127.0.0.1:12111 */
    STRIPE_API_ORIGIN: optionalUrl,
  })
  .superRefine((env, ctx) => {
    if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_AUTH_TOKEN)
      ctx.addIssue({
        code: "custom",
        path: ["TWILIO_AUTH_TOKEN"],
        message: "is required when TWILIO_ACCOUNT_SID is set",
      });
    if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_MESSAGING_SERVICE_SID && !env.TWILIO_FROM_NUMBER)
      ctx.addIssue({
        code: "custom",
        path: ["TWILIO_FROM_NUMBER"],
        message: "or TWILIO_MESSAGING_SERVICE_SID is required when TWILIO_ACCOUNT_SID is set",
      });
    if (env.RESEND_API_KEY && !env.RESEND_FROM)
      ctx.addIssue({ code: "custom", path: ["RESEND_FROM"], message: "is required when RESEND_API_KEY is set" });
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set",
      });
  });

export type Env = z.infer<typeof envSchema>;

/** Parses an environment; the error names each variable that is missing or malformed. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
