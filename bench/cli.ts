import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDatabase } from "@/db/connect";
import { DEFAULT_SCALE_SLUG } from "@/db/generate/generate-scale-data";
import { runScript } from "@/db/run-script";
import { renderMarkdown } from "./report";
import { runBench } from "./run-bench";

const Args = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .default(DEFAULT_SCALE_SLUG),
  iterations: z.coerce.number().int().min(1).max(1000).default(20),
  warmup: z.coerce.number().int().min(0).max(100).default(3),
  bulkSize: z.coerce.number().int().min(1).max(100_000).default(10_000),
  importRows: z.coerce.number().int().min(1).max(100_000).default(100_000),
  outreachSets: z.coerce.number().int().min(0).max(100_000).default(10_000),
  port: z.coerce.number().int().min(1).max(65535).default(3205),
  baseUrl: z.url().optional(),
  http: z.boolean(),
  rebuild: z.boolean(),
  out: z.string().default("bench"),
});

async function main() {
  const { values } = parseArgs({
    options: {
      slug: { type: "string" },
      iterations: { type: "string" },
      warmup: { type: "string" },
      "bulk-size": { type: "string" },
      "import-rows": { type: "string" },
      "outreach-sets": { type: "string" },
      port: { type: "string" },
      "base-url": { type: "string" },
      "no-http": { type: "boolean" },
      rebuild: { type: "boolean" },
      out: { type: "string" },
    },
  });
  const parsed = Args.safeParse({
    slug: values.slug,
    iterations: values.iterations,
    warmup: values.warmup,
    bulkSize: values["bulk-size"],
    importRows: values["import-rows"],
    outreachSets: values["outreach-sets"],
    port: values.port,
    baseUrl: values["base-url"],
    http: !values["no-http"],
    rebuild: values.rebuild === true,
    out: values.out,
  });
  if (!parsed.success) {
    throw new Error(
      `Usage: npm run bench -- [--iterations 20] [--warmup 3] [--bulk-size 10000] [--import-rows 100000] [--outreach-sets 10000 | 0] [--slug scale] [--port 3205 | --base-url URL | --no-http] [--rebuild] [--out bench]\n${parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n")}`,
    );
  }
  const args = parsed.data;
  if (!process.env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set. The bench runs against a generated Postgres database, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/billing_scale npm run bench",
    );
  }
  const database = await createDatabase();
  try {
    const results = await runBench(database.db, {
      slug: args.slug,
      iterations: args.iterations,
      warmup: args.warmup,
      bulkSize: args.bulkSize,
      importRows: args.importRows,
      outreach: args.outreachSets > 0 ? { url: process.env.DATABASE_URL, sets: args.outreachSets } : null,
      outDir: path.resolve(args.out),
      http: !args.http ? null : args.baseUrl ? { baseUrl: args.baseUrl } : { port: args.port, rebuild: args.rebuild },
    });
    console.log(`\n${renderMarkdown(results)}`);
    console.log(`Written: ${path.join(args.out, "results.json")} and ${path.join(args.out, "results.md")}`);
  } finally {
    await database.close();
  }
}

runScript("Bench", main);
