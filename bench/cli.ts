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
  mixIterations: z.coerce.number().int().min(1).max(5000).default(1000),
  warmup: z.coerce.number().int().min(0).max(100).default(3),
  bulkSize: z.coerce.number().int().min(1).max(100_000).default(10_000),
  importRows: z.coerce.number().int().min(1).max(100_000).default(100_000),
  outreachSets: z.coerce.number().int().min(0).max(100_000).default(10_000),
  port: z.coerce.number().int().min(1).max(65535).default(3205),
  baseUrl: z.url().optional(),
  http: z.boolean(),
  rebuild: z.boolean(),
  webhooks: z.boolean(),
  webhookRate: z.coerce.number().int().min(0).max(10_000).default(200),
  staff: z.coerce.number().int().min(0).max(200).default(25),
  staffSeconds: z.coerce.number().int().min(5).max(3600).default(60),
  staffThinkMs: z.coerce.number().int().min(0).max(60_000).default(1000),
  staffOverviewEvery: z.coerce.number().int().min(0).max(1000).default(1),
  growth: z.boolean(),
  growthSizes: z
    .string()
    .default("100000,300000")
    .transform((value) => value.split(",").map(Number))
    .pipe(z.array(z.number().int().min(1000).max(10_000_000)).min(1)),
  out: z.string().default("bench"),
});

async function main() {
  const { values } = parseArgs({
    options: {
      slug: { type: "string" },
      iterations: { type: "string" },
      "mix-iterations": { type: "string" },
      warmup: { type: "string" },
      "bulk-size": { type: "string" },
      "import-rows": { type: "string" },
      "outreach-sets": { type: "string" },
      port: { type: "string" },
      "base-url": { type: "string" },
      "no-http": { type: "boolean" },
      rebuild: { type: "boolean" },
      "no-webhooks": { type: "boolean" },
      "webhook-rate": { type: "string" },
      staff: { type: "string" },
      "staff-seconds": { type: "string" },
      "staff-think-ms": { type: "string" },
      "staff-overview-every": { type: "string" },
      "no-growth": { type: "boolean" },
      "growth-sizes": { type: "string" },
      out: { type: "string" },
    },
  });
  const parsed = Args.safeParse({
    slug: values.slug,
    iterations: values.iterations,
    mixIterations: values["mix-iterations"],
    warmup: values.warmup,
    bulkSize: values["bulk-size"],
    importRows: values["import-rows"],
    outreachSets: values["outreach-sets"],
    port: values.port,
    baseUrl: values["base-url"],
    http: !values["no-http"],
    rebuild: values.rebuild === true,
    webhooks: !values["no-webhooks"],
    webhookRate: values["webhook-rate"],
    staff: values.staff,
    staffSeconds: values["staff-seconds"],
    staffThinkMs: values["staff-think-ms"],
    staffOverviewEvery: values["staff-overview-every"],
    growth: !values["no-growth"],
    growthSizes: values["growth-sizes"],
    out: values.out,
  });
  if (!parsed.success) {
    throw new Error(
      `Usage: npm run bench -- [--iterations 20] [--mix-iterations 1000] [--warmup 3] [--bulk-size 10000] [--import-rows 100000] [--outreach-sets 10000 | 0] [--slug scale] [--port 3205 | --base-url URL | --no-http] [--rebuild] [--webhook-rate 200 | 0 | --no-webhooks] [--staff 25 | 0] [--staff-seconds 60] [--staff-think-ms 1000] [--staff-overview-every 1 | 0] [--growth-sizes 100000,300000 | --no-growth] [--out bench]\n${parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n")}`,
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
      mixIterations: args.mixIterations,
      warmup: args.warmup,
      bulkSize: args.bulkSize,
      importRows: args.importRows,
      outreach: args.outreachSets > 0 ? { url: process.env.DATABASE_URL, sets: args.outreachSets } : null,
      outDir: path.resolve(args.out),
      http: !args.http ? null : args.baseUrl ? { baseUrl: args.baseUrl } : { port: args.port, rebuild: args.rebuild },
      webhooks: args.webhooks ? { rate: args.webhookRate, connections: 20 } : null,
      staff:
        args.staff > 0
          ? {
              staff: args.staff,
              seconds: args.staffSeconds,
              thinkMs: args.staffThinkMs,
              overviewEvery: args.staffOverviewEvery,
            }
          : null,
      growth: args.growth ? { url: process.env.DATABASE_URL, sizes: args.growthSizes } : null,
    });
    console.log(`\n${renderMarkdown(results)}`);
    console.log(`Written: ${path.join(args.out, "results.json")} and ${path.join(args.out, "results.md")}`);
  } finally {
    await database.close();
  }
}

runScript("Bench", main);
