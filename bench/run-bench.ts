import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { SCALE_PASSWORD, scaleStaffEmails } from "@/db/generate/scale-clinic";
import { runLoadInFreshProcess } from "./load-client";
import { type BenchClinic, buildMixes } from "./mixes";
import { measurePageWeight } from "./page-weight";
import { type BenchResults, renderMarkdown } from "./report";
import { runBulkPause } from "./run-bulk";
import { runDataBench } from "./run-data";
import { runGrowth } from "./run-growth";
import { BENCH_DIST_DIR, runHttp, signIn, startServer } from "./run-http";
import { runOutreachThroughput } from "./run-outreach";
import { runOverview } from "./run-overview";
import { explain, ratioWarmup, runCards, runPageMixes } from "./run-page-mixes";
import { runReconcile } from "./run-reconcile";
import { runSmallClinicSearch } from "./run-small-clinic-search";
import { checkTargets } from "./targets";

export interface BenchOptions {
  slug: string;
  iterations: number;
  /** Runs of the page mixes' data layer and floors (their p95 ratios need more than `iterations`). */
  mixIterations?: number;
  warmup: number;
  bulkSize: number;
  /** Rows of the generated CSV the import bench reads and writes (small unless asked). */
  importRows?: number;
  /** The outreach throughput run: a scratch clinic of `sets` due sets on this database (omitted: skipped). */
  outreach?: { url: string; sets: number } | null;
  /** Where results.json and results.md go. */
  outDir: string;
  /** null: skip the HTTP part; baseUrl: a running server; port: build/start one. */
  http: null | { baseUrl: string } | { port: number; rebuild: boolean };
  /** Signed provider callbacks against the HTTP part's server (null: skipped); rate per second, 0 = unthrottled. */
  webhooks?: { rate: number; connections: number } | null;
  /** Concurrent signed-in staff against the HTTP part's server (null: skipped). */
  staff?: { staff: number; seconds: number; thinkMs: number; overviewEvery: number } | null;
  /** The growth curves: the main database and these smaller sizes beside it (null: skipped). */
  growth?: { url: string; sizes: number[] } | null;
  log?: (line: string) => void;
}

const q = (value: string) => `'${value.replace(/'/g, "''")}'`;

export async function loadClinic(db: Db, slug: string): Promise<BenchClinic & { adminUserId: string }> {
  const [clinic] = await executeRows<{ id: string; time_zone: string }>(
    db,
    `SELECT id, time_zone FROM clinics WHERE slug = ${q(slug)}`,
  );
  if (!clinic) throw new Error(`No clinic "${slug}" here. Generate one first: npm run db:generate -- --sets 1000000`);
  const id = q(clinic.id);
  const [last] = await executeRows<{ day: string }>(
    db,
    `SELECT (max(created_at) AT TIME ZONE ${q(clinic.time_zone)})::date::text AS day FROM invoice_sets WHERE clinic_id = ${id}`,
  );
  const ruleSets = await executeRows<{ id: string; title: string }>(
    db,
    `SELECT id, title FROM rule_sets WHERE clinic_id = ${id} ORDER BY is_default DESC, expiry_days DESC`,
  );
  const patientSql = (extra: string) =>
    `SELECT first_name, last_name, phone, external_id FROM patients WHERE clinic_id = ${id} AND length(phone) = 12 ${extra} ORDER BY external_id LIMIT 1`;
  const [patient] = [
    ...(await executeRows<{ first_name: string; last_name: string; phone: string; external_id: string }>(
      db,
      patientSql("AND external_id >= 'MRN-0012345'"),
    )),
    ...(await executeRows<{ first_name: string; last_name: string; phone: string; external_id: string }>(
      db,
      patientSql(""),
    )),
  ];
  const [admin] = await executeRows<{ user_id: string }>(
    db,
    `SELECT user_id FROM memberships WHERE clinic_id = ${id} AND role = 'admin' LIMIT 1`,
  );
  if (!last?.day || !patient || !admin)
    throw new Error(`Clinic "${slug}" has no invoice sets, patients with phones or admin; regenerate it.`);
  return {
    clinicId: clinic.id,
    timeZone: clinic.time_zone,
    lastDay: last.day,
    ruleSets,
    adminUserId: admin.user_id,
    samplePatient: {
      firstName: patient.first_name,
      lastName: patient.last_name,
      phone: patient.phone,
      externalId: patient.external_id,
    },
  };
}

async function databaseFacts(db: Db, clinicId: string): Promise<Record<string, number>> {
  const rows = await executeRows<{ name: string; n: number }>(
    db,
    `SELECT relname AS name, greatest(reltuples, 0)::bigint::float8 AS n FROM pg_class
      WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace
        AND relname IN ('patients','invoice_sets','invoices','invoice_charges','payments','messages','timeline_events')`,
  );
  const [sets] = await executeRows<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM invoice_sets WHERE clinic_id = ${q(clinicId)}`,
  );
  return { ...Object.fromEntries(rows.map((row) => [row.name, Number(row.n)])), clinicSets: sets?.n ?? 0 };
}

export async function runBench(db: Db, options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.outDir, { recursive: true });
  const durations: Record<string, number> = {};
  const timed = async <T>(part: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      durations[part] = Math.round((performance.now() - started) / 100) / 10;
    }
  };
  const measure = { iterations: options.iterations, warmup: options.warmup };
  const clinic = await loadClinic(db, options.slug);
  const mixes = buildMixes(clinic);

  const mixIterations = options.mixIterations ?? measure.iterations;
  log(
    `Page data layer, ${mixes.length} mixes (${mixIterations} runs each after ${ratioWarmup({ ...measure, ratioIterations: mixIterations })} warm-up, counts ${measure.iterations} after ${measure.warmup}):`,
  );
  const mixResults = await timed("page data layer", () =>
    runPageMixes(db, clinic, mixes, { ...measure, ratioIterations: mixIterations }, log),
  );
  const nameSearch = mixes.find((mix) => mix.name === "name search")?.params.q ?? "";
  log(`Name search "${nameSearch}" in a small clinic beside the generated one…`);
  const smallClinicSearch = await timed("small clinic search", () =>
    runSmallClinicSearch(db, clinic, nameSearch, { warmup: measure.warmup, iterations: Math.min(200, mixIterations) }),
  );
  log("Metric cards…");
  const cards = await timed("cards", () => runCards(db, clinic.clinicId, measure));
  log("Overview queries…");
  const overview = await timed("Overview queries", () => runOverview(db, clinic, measure));
  log("Reconcile pass (rolled back)…");
  const reconcile = await timed("reconcile", () =>
    runReconcile(db, clinic.clinicId, {
      iterations: Math.max(1, Math.min(5, measure.iterations)),
      warmup: Math.min(1, measure.warmup),
    }),
  );
  log(`Bulk Pause of ${options.bulkSize.toLocaleString("en-US")} sets (rolled back)…`);
  const bulkRuns = { iterations: Math.max(1, Math.min(5, measure.iterations)), warmup: Math.min(1, measure.warmup) };
  const bulk = await timed("bulk Pause", () =>
    runBulkPause(db, clinic.clinicId, clinic.adminUserId, options.bulkSize, bulkRuns),
  );

  const importRows = options.importRows ?? 200;
  log(`CSV import of ${importRows.toLocaleString("en-US")} rows, then Export CSV of every set…`);
  const data = await timed("CSV import and export", () => runDataBench(db, clinic.clinicId, importRows));

  let outreach: BenchResults["outreach"] = { skipped: "--outreach-sets 0" };
  if (options.outreach) {
    const { url, sets } = options.outreach;
    log(`Outreach: ${sets.toLocaleString("en-US")} due sets through the local engine and the outbox…`);
    outreach = await timed("outreach throughput", () => runOutreachThroughput(url, sets));
  }

  let http: BenchResults["http"] = { skipped: "--no-http" };
  let serverProcesses: number | null = null;
  let staff: BenchResults["staff"] = { skipped: options.http ? "--no-staff" : "--no-http" };
  let webhooks: BenchResults["webhooks"] = { skipped: options.http ? "--no-webhooks" : "--no-http" };
  let webhookCapacity: BenchResults["webhookCapacity"] = {
    skipped: options.webhooks?.rate === 0 ? "--webhook-rate 0" : webhooks.skipped,
  };
  if (options.http) {
    const httpOptions = options.http;
    const server = await timed("next build / start", async () =>
      "baseUrl" in httpOptions
        ? { baseUrl: httpOptions.baseUrl, processes: null, stop: () => {} }
        : await startServer(httpOptions.port, { rebuild: httpOptions.rebuild, log }),
    );
    serverProcesses = server.processes;
    try {
      log(`HTTP: GET /billing/invoices on ${server.baseUrl}…`);
      const cookie = await signIn(server.baseUrl, scaleStaffEmails(options.slug).admin, SCALE_PASSWORD);
      const httpMixes = ["no filter", "status multi + amount", "name search"].flatMap((name) =>
        mixes.filter((mix) => mix.name === name),
      );
      http = await timed("GET /billing/invoices", () => runHttp(server.baseUrl, cookie, httpMixes, measure));
      const staffOptions = options.staff;
      if (staffOptions) {
        log(`Staff under load: ${staffOptions.staff} signed-in staff for ${staffOptions.seconds} s…`);
        staff = await timed("staff under load", () =>
          runLoadInFreshProcess({ kind: "staff", baseUrl: server.baseUrl, slug: options.slug, staff: staffOptions }),
        );
      }
      const webhookOptions = options.webhooks;
      if (webhookOptions) {
        log("Webhook bursts (scratch clinic):");
        webhooks = await timed("webhook bursts", () =>
          runLoadInFreshProcess({ kind: "webhooks", baseUrl: server.baseUrl, ...webhookOptions }),
        );
        if (webhookOptions.rate > 0) {
          log("Webhook bursts as fast as the server answers (another scratch clinic):");
          webhookCapacity = await timed("webhook bursts at capacity", () =>
            runLoadInFreshProcess({ kind: "webhooks", baseUrl: server.baseUrl, ...webhookOptions, rate: 0 }),
          );
        }
      }
    } finally {
      server.stop();
    }
  }

  let growth: BenchResults["growth"] = { skipped: "--no-growth" };
  if (options.growth) {
    const { url, sizes } = options.growth;
    log(`Growth curves: ${[...sizes].map((n) => n.toLocaleString("en-US")).join(", ")} sets and the main database…`);
    growth = await timed("growth curves", () =>
      runGrowth(url, db, {
        slug: options.slug,
        sizes,
        measure: { iterations: Math.min(measure.iterations, 10), warmup: Math.min(measure.warmup, 2) },
        outDir: options.outDir,
        loadClinic,
        log,
      }),
    );
  }

  const slowest = [...mixResults].sort((a, b) => b.dataLayer.p95 - a.dataLayer.p95)[0];
  if (!slowest) throw new Error("No mixes ran.");
  const partial = {
    generatedAt: new Date().toISOString(),
    clinic: { slug: options.slug, clinicId: clinic.clinicId },
    database: await databaseFacts(db, clinic.clinicId),
    machine: {
      cpus: os.cpus().length,
      loadAverage: os.loadavg(),
      serverProcesses,
      postgres: (await executeRows<{ v: string }>(db, "SELECT split_part(version(), ' on ', 1) AS v"))[0]?.v ?? "",
    },
    options: { iterations: options.iterations, mixIterations, warmup: options.warmup, bulkSize: options.bulkSize },
    mixes: mixResults,
    smallClinicSearch,
    cards,
    overview,
    reconcile,
    outreach,
    pageWeight: measurePageWeight(BENCH_DIST_DIR, "(staff)/billing/invoices"),
    bulk,
    http,
    staff,
    webhooks,
    webhookCapacity,
    growth,
    durations,
    data,
    slowest: {
      mix: slowest.name,
      pagePlan: await explain(db, slowest.floorSql),
      countPlan: await explain(db, slowest.countSql),
    },
  };
  const results: BenchResults = { ...partial, targets: checkTargets(partial) };
  writeFileSync(path.join(options.outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(options.outDir, "results.md"), renderMarkdown(results));
  return results;
}
