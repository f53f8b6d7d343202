import { parseArgs } from "node:util";
import postgres from "postgres";
import { z } from "zod";
import { parseDatabaseEnv } from "@/lib/env-schema";
import { createDatabase } from "../connect";
import { runScript } from "../run-script";
import { DEFAULT_SCALE_SLUG, DEFAULT_SEED, generateScaleData } from "./generate-scale-data";
import { SCALE_PASSWORD, scaleStaffEmails } from "./scale-clinic";

const PGLITE_MAX_SETS = 5000;

const Args = z.object({
  sets: z.coerce.number().int().positive().max(20_000_000),
  seed: z.coerce.number().int().nonnegative().default(DEFAULT_SEED),
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "--slug: lower-case letters, digits and dashes")
    .default(DEFAULT_SCALE_SLUG),
  reset: z.boolean().default(false),
  vacuum: z.boolean().default(true),
});

/** Creates the database named in DATABASE_URL when the server does not have it yet. */
async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) return;
  const server = new URL(url);
  server.pathname = "/postgres";
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    const found = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (found.length === 0) {
      await admin.unsafe(`CREATE DATABASE "${name}"`);
      console.log(`Created database ${name}.`);
    }
  } finally {
    await admin.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      sets: { type: "string" },
      seed: { type: "string" },
      slug: { type: "string" },
      reset: { type: "boolean" },
      "no-vacuum": { type: "boolean" },
    },
  });
  const parsed = Args.safeParse({
    sets: values.sets,
    seed: values.seed,
    slug: values.slug,
    reset: values.reset,
    vacuum: !values["no-vacuum"],
  });
  if (!parsed.success) {
    throw new Error(
      `Usage: npm run db:generate -- --sets 1000000 [--seed 7] [--slug scale] [--reset] [--no-vacuum]\n${parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n")}`,
    );
  }
  const args = parsed.data;
  const url = parseDatabaseEnv(process.env).DATABASE_URL;
  if (!url && args.sets > PGLITE_MAX_SETS) {
    throw new Error(
      `DATABASE_URL is not set. Generating ${args.sets.toLocaleString("en-US")} sets needs a real Postgres (PGlite is only for up to ${PGLITE_MAX_SETS.toLocaleString("en-US")}).\n` +
        "  e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/billing_scale npm run db:generate -- --sets 1000000",
    );
  }
  if (url) await ensureDatabase(url);
  const database = await createDatabase({ url });
  try {
    await database.migrate();
    const result = await generateScaleData(database.db, { ...args, tty: process.stdout.isTTY === true });
    const staff = scaleStaffEmails(result.slug);
    console.log(`Sign in as ${staff.admin} (or ${staff.biller}) / ${SCALE_PASSWORD}.`);
  } finally {
    await database.close();
  }
}

runScript("Generation", main);
