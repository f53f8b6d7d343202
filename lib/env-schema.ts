import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();
const optionalUrl = optionalText.pipe(z.url("must be a full URL such as https://example.com").optional());
/** A whole number above 0, or the default when unset; "abc" is refused rather than becoming NaN. */
const positiveInt = (fallback: number) =>
  optionalText.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (Number.isInteger(parsed) && parsed > 0) return parsed;
    ctx.addIssue({ code: "custom", message: `must be a whole number above 0 (got "${value}")` });
    return z.NEVER;
  });

/**
 * Every environment variable the server reads, validated once. Providers are optional:
 * without their keys messages go to the local outbox and online payment is off.
 */
const envObject = z.object({
  /** How many proxies in front of the app append to X-Forwarded-For (0 = none: the socket address is the client). */
  TRUSTED_PROXY_HOPS: optionalText.pipe(
    z.coerce
      .number<string | undefined>("must be a whole number of proxies, such as 1")
      .int("must be a whole number of proxies, such as 1")
      .min(0, "must be 0 or more")
      .max(10, "must be at most 10")
      .default(0),
  ),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalUrl,
  /** postgres.js pool size. */
  DATABASE_POOL_SIZE: positiveInt(10),
  /** PGlite folder when DATABASE_URL is unset ("memory://" keeps it in memory). */
  PGLITE_DIR: optionalText,
  AUTH_SECRET: z
    .string({ error: "is required (try: openssl rand -base64 32)" })
    .min(32, "must be at least 32 characters (try: openssl rand -base64 32)"),
  /** Public base URL of the app: patient links and Twilio signatures are made against it. */
  APP_URL: z.url("must be a full URL such as https://billing.example.com").default("http://localhost:3000"),
  INNGEST_DEV: optionalText,
  INNGEST_BASE_URL: optionalUrl,
  /** Which engine runs outreach: Inngest (many app instances) or in-process (one node). */
  OUTREACH_ENGINE: optionalText.pipe(z.enum(["inngest", "local"], "must be inngest or local").optional()),
  /** Per-clinic cap on outreach sends per minute (the clinic's own setting may be lower). */
  OUTREACH_SENDS_PER_MINUTE: positiveInt(60),
  INNGEST_EVENT_KEY: optionalText,
  /** How long a staff action may wait on the Inngest event API before it goes on (the reconcile covers a loss). */
  INNGEST_SEND_TIMEOUT_MS: positiveInt(300),
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
  /** Test-only: "1" serves POST /api/e2e/clock, which runs the timed passes at a given moment (a fake clock). */
  E2E_CLOCK_ENDPOINT: optionalText.pipe(z.literal("1", "must be 1 or unset").optional()),
});

const envSchema = envObject
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.INNGEST_DEV)
      ctx.addIssue({
        code: "custom",
        path: ["INNGEST_DEV"],
        message: "must not be set in production (it lets unsigned requests run functions)",
      });
    if (env.NODE_ENV === "production" && engineOf(env) === "inngest" && !env.INNGEST_SIGNING_KEY)
      ctx.addIssue({
        code: "custom",
        path: ["INNGEST_SIGNING_KEY"],
        message: "is required in production when OUTREACH_ENGINE is inngest",
      });
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
    // A fake clock moves real sets: only for an app served on this machine (the e2e server), never a deployment.
    if (env.E2E_CLOCK_ENDPOINT && !isLoopbackUrl(env.APP_URL))
      ctx.addIssue({
        code: "custom",
        path: ["E2E_CLOCK_ENDPOINT"],
        message: "is for tests only: APP_URL must be a loopback address (127.0.0.1 or localhost)",
      });
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set",
      });
  })
  .transform((env) => ({ ...env, OUTREACH_ENGINE: engineOf(env) }));

export type Env = z.infer<typeof envSchema>;

function isLoopbackUrl(url: string): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
}

/** Inngest when anything points at an Inngest server, else the in-process engine. */
function engineOf(env: {
  OUTREACH_ENGINE?: "inngest" | "local";
  INNGEST_EVENT_KEY?: string;
  INNGEST_BASE_URL?: string;
  INNGEST_DEV?: string;
}): "inngest" | "local" {
  if (env.OUTREACH_ENGINE) return env.OUTREACH_ENGINE;
  return env.INNGEST_EVENT_KEY || env.INNGEST_BASE_URL || env.INNGEST_DEV ? "inngest" : "local";
}

/** Parses an environment; the error names each variable that is missing or malformed. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseOrExplain(envSchema, source);
}

const databaseSchema = envObject.pick({ DATABASE_URL: true, DATABASE_POOL_SIZE: true, PGLITE_DIR: true });

/** The database settings alone: scripts and the CLI open the database without the server's secrets. */
export function parseDatabaseEnv(source: Record<string, string | undefined>): z.infer<typeof databaseSchema> {
  return parseOrExplain(databaseSchema, source);
}

/** The per-clinic send cap alone: Inngest functions are built at import, before the server's env() is checked. */
export function outreachSendsPerMinute(source: Record<string, string | undefined>): number {
  return parseOrExplain(envObject.pick({ OUTREACH_SENDS_PER_MINUTE: true }), source).OUTREACH_SENDS_PER_MINUTE;
}

function parseOrExplain<T extends z.ZodType>(schema: T, source: Record<string, string | undefined>): z.infer<T> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
}
