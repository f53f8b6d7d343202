import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { createDatabase, type Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { countMetricCards } from "@/lib/invoice-sets/count-metric-cards";
import { listInvoiceSets } from "@/lib/invoice-sets/list-invoice-sets";
import { loadAging } from "@/lib/overview/load-aging";
import { loadFunnel } from "@/lib/overview/load-funnel";
import { loadResults } from "@/lib/overview/load-results";
import { loadWeeklyCollections } from "@/lib/overview/load-weekly-collections";
import { type BenchClinic, buildMixes } from "./mixes";
import { settledOverviewRange } from "./run-overview";
import { runReconcile } from "./run-reconcile";
import { type MeasureOptions, measureInterleaved, type Timing } from "./stats";

/** What the growth curves follow, in the order of the table and the plot's legend. */
export const GROWTH_MEASURES = [
  "list: no filter",
  "list: status multi + amount",
  "list: name search",
  "cards",
  "Overview (4 queries at once)",
  "reconcile pass",
] as const;
type Measure = (typeof GROWTH_MEASURES)[number];

export interface GrowthPoint {
  sets: number;
  database: string;
  /** How long generating this database took here, when the bench had to (0: it was there). */
  generatedMs: number;
  timings: Record<Measure, Timing>;
}

export interface GrowthResult {
  points: GrowthPoint[];
  /** The plot's files beside results.md; png is null when no browser could render it (reason says why). */
  svg: string;
  png: string | null;
  reason?: string;
}

type LoadClinic = (db: Db, slug: string) => Promise<BenchClinic & { adminUserId: string }>;

/**
 * The list, cards, Overview and reconcile at each size: the smaller databases (the main
 * one's name + `_100k`, …) are generated with db/generate when missing or of another size,
 * then each is measured the same way, one after the other in one run.
 */
export async function runGrowth(
  mainUrl: string,
  mainDb: Db,
  options: {
    slug: string;
    sizes: number[];
    measure: MeasureOptions;
    outDir: string;
    loadClinic: LoadClinic;
    log: (line: string) => void;
  },
): Promise<GrowthResult> {
  const points: GrowthPoint[] = [];
  for (const sets of options.sizes) {
    const url = new URL(mainUrl);
    url.pathname = `${url.pathname}_${sets >= 1_000_000 ? `${sets / 1_000_000}m` : `${sets / 1000}k`}`;
    const generatedMs = await ensureGenerated(url.toString(), sets, options.slug, options.log);
    const database = await createDatabase({ url: url.toString() });
    try {
      options.log(`  measuring ${sets.toLocaleString("en-US")} sets (${url.pathname.slice(1)})…`);
      points.push(await measurePoint(database.db, url.pathname.slice(1), sets, generatedMs, options));
    } finally {
      await database.close();
    }
  }
  const [main] = await executeRows<{ n: number }>(
    mainDb,
    `SELECT count(*)::int AS n FROM invoice_sets s JOIN clinics c ON c.id = s.clinic_id WHERE c.slug = '${options.slug}'`,
  );
  options.log(`  measuring ${(main?.n ?? 0).toLocaleString("en-US")} sets (the main database)…`);
  points.push(await measurePoint(mainDb, new URL(mainUrl).pathname.slice(1), main?.n ?? 0, 0, options));
  points.sort((a, b) => a.sets - b.sets);
  const svg = growthSvg(points);
  // Relative to where the bench runs, as results.md names them.
  const svgPath = path.relative(process.cwd(), path.join(options.outDir, "growth.svg"));
  writeFileSync(svgPath, svg);
  const pngPath = path.relative(process.cwd(), path.join(options.outDir, "growth.png"));
  try {
    await screenshot(svg, pngPath);
    return { points, svg: svgPath, png: pngPath };
  } catch (error) {
    return { points, svg: svgPath, png: null, reason: error instanceof Error ? error.message.split("\n")[0] : "" };
  }
}

async function ensureGenerated(url: string, sets: number, slug: string, log: (line: string) => void) {
  let existing = -1;
  try {
    const database = await createDatabase({ url });
    try {
      // A database made by an earlier version is brought up to date (migrations backfill what they add).
      await database.migrate();
      const [row] = await executeRows<{ n: number }>(
        database.db,
        `SELECT count(*)::int AS n FROM invoice_sets s JOIN clinics c ON c.id = s.clinic_id WHERE c.slug = '${slug}'`,
      );
      existing = row?.n ?? 0;
    } finally {
      await database.close();
    }
  } catch {
    // No such database (or no schema) yet: the generator creates it.
  }
  if (existing === sets) return 0;
  log(`  generating ${sets.toLocaleString("en-US")} sets into ${new URL(url).pathname.slice(1)} (db/generate)…`);
  const started = performance.now();
  const generate = spawnSync(
    "npx",
    ["tsx", "db/generate/cli.ts", "--sets", String(sets), "--slug", slug, ...(existing >= 0 ? ["--reset"] : [])],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] },
  );
  if (generate.status !== 0) throw new Error(`Generating ${sets} sets into ${url} failed; see the output above.`);
  return Math.round(performance.now() - started);
}

async function measurePoint(
  db: Db,
  databaseName: string,
  sets: number,
  generatedMs: number,
  options: { slug: string; measure: MeasureOptions; loadClinic: LoadClinic },
): Promise<GrowthPoint> {
  const clinic = await options.loadClinic(db, options.slug);
  const mixes = buildMixes(clinic);
  const list = (name: string) => {
    const mix = mixes.find((m) => m.name === name);
    if (!mix) throw new Error(`No mix "${name}".`);
    return () => listInvoiceSets(db, clinic, mix.params);
  };
  const range = await settledOverviewRange(db, clinic);
  const timings = await measureInterleaved(
    {
      "list: no filter": list("no filter"),
      "list: status multi + amount": list("status multi + amount"),
      "list: name search": list("name search"),
      cards: () => countMetricCards(db, clinic.clinicId),
      // As the Overview page runs them.
      "Overview (4 queries at once)": () =>
        Promise.all([
          loadAging(db, range),
          loadFunnel(db, range),
          loadResults(db, range),
          loadWeeklyCollections(db, range),
        ]),
    },
    options.measure,
  );
  const reconcile = await runReconcile(db, clinic.clinicId, {
    iterations: Math.max(1, Math.min(5, options.measure.iterations)),
    warmup: Math.min(1, options.measure.warmup),
  });
  return { sets, database: databaseName, generatedMs, timings: { ...timings, "reconcile pass": reconcile.pass } };
}

const COLORS = ["#2563eb", "#16a34a", "#9333ea", "#ea580c", "#dc2626", "#0891b2"];

/** A log-log plot of p50 against sets: a flat line costs the same at any size, slope 1 grows with the data. */
export function growthSvg(points: GrowthPoint[]): string {
  const width = 760;
  const height = 440;
  const left = 70;
  const right = 250;
  const top = 40;
  const bottom = 60;
  const values = points.flatMap((point) => GROWTH_MEASURES.map((m) => Math.max(point.timings[m].p50, 0.1)));
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const xMin = Math.min(...points.map((p) => p.sets));
  const xMax = Math.max(...points.map((p) => p.sets));
  const x = (sets: number) =>
    left +
    ((Math.log10(sets) - Math.log10(xMin)) / Math.max(Math.log10(xMax) - Math.log10(xMin), 1e-9)) *
      (width - left - right);
  const y = (ms: number) =>
    top +
    (1 - (Math.log10(Math.max(ms, 0.1)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) *
      (height - top - bottom);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">Growth: p50 (ms) against invoice sets, log-log</text>`,
  );
  for (let decade = yMin; decade <= yMax; decade *= 10) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(decade)}" y2="${y(decade)}" stroke="#e5e7eb"/>`,
      `<text x="${left - 8}" y="${y(decade) + 4}" text-anchor="end">${decade >= 1 ? decade : decade.toFixed(1)} ms</text>`,
    );
  }
  for (const point of points) {
    parts.push(
      `<line x1="${x(point.sets)}" x2="${x(point.sets)}" y1="${top}" y2="${height - bottom}" stroke="#e5e7eb"/>`,
      `<text x="${x(point.sets)}" y="${height - bottom + 18}" text-anchor="middle">${point.sets >= 1_000_000 ? `${point.sets / 1_000_000}M` : `${Math.round(point.sets / 1000)}k`} sets</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#6b7280"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#6b7280"/>`,
  );
  GROWTH_MEASURES.forEach((measure, index) => {
    const color = COLORS[index % COLORS.length];
    const coords = points.map((point) => `${x(point.sets).toFixed(1)},${y(point.timings[measure].p50).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${coords.join(" ")}"/>`);
    for (const coord of coords) {
      const [cx, cy] = coord.split(",");
      parts.push(`<circle cx="${cx}" cy="${cy}" r="4" fill="${color}"/>`);
    }
    const ly = top + 20 + index * 22;
    parts.push(
      `<line x1="${width - right + 20}" x2="${width - right + 44}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="3"/>`,
      `<text x="${width - right + 50}" y="${ly + 4}">${escapeXml(measure)}</text>`,
    );
  });
  parts.push(
    `<text x="${left}" y="${height - 14}" fill="#6b7280">Flat: same cost at any size. Parallel to the data (×10 sets → ×10 ms): grows linearly.</text>`,
    "</svg>",
  );
  return parts.join("\n");
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Renders the SVG in Debian's chromium (as playwright.config.ts finds it) and saves a PNG. */
async function screenshot(svg: string, pngPath: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2 });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.locator("svg").screenshot({ path: pngPath });
  } finally {
    await browser.close();
  }
}
