import type { PageWeight } from "./page-weight";
import type { BulkResult } from "./run-bulk";
import type { DataResult } from "./run-data";
import type { HttpResult } from "./run-http";
import type { OutreachThroughput } from "./run-outreach";
import type { OverviewResult } from "./run-overview";
import type { CardsResult, MixResult } from "./run-page-mixes";
import type { ReconcileResult } from "./run-reconcile";

export interface BenchResults {
  generatedAt: string;
  clinic: { slug: string; clinicId: string };
  database: Record<string, number>;
  machine: { cpus: number; loadAverage: number[]; postgres: string };
  options: { iterations: number; warmup: number; bulkSize: number };
  mixes: MixResult[];
  cards: CardsResult;
  overview: OverviewResult;
  reconcile: ReconcileResult;
  outreach: OutreachThroughput | { skipped: string };
  /** From the bench build (.next-bench); null when there is none yet. */
  pageWeight: PageWeight | null;
  bulk: BulkResult;
  http: HttpResult[] | { skipped: string };
  data: DataResult;
  slowest: { mix: string; pagePlan: string; countPlan: string };
  targets: { name: string; pass: boolean; detail: string }[];
}

const ms = (value: number) => value.toFixed(1);
const n = (value: number) => value.toLocaleString("en-US");

/** The pass/fail lines for the targets. */
export function checkTargets(results: Omit<BenchResults, "targets">): BenchResults["targets"] {
  const worstP95 = Math.max(...results.mixes.map((mix) => mix.dataLayer.p95));
  const worstRatio = Math.max(...results.mixes.map((mix) => mix.ratio));
  const worstMix = results.mixes.find((mix) => mix.dataLayer.p95 === worstP95)?.name ?? "";
  const worstRatioMix = results.mixes.find((mix) => mix.ratio === worstRatio)?.name ?? "";
  return [
    {
      name: "page data p95 < 150 ms (every mix)",
      pass: worstP95 < 150,
      detail: `worst ${ms(worstP95)} ms (${worstMix})`,
    },
    {
      name: "page data ≤ 1.5× floor, like for like (every mix)",
      pass: worstRatio <= 1.5,
      detail: `worst ${worstRatio.toFixed(2)}× (${worstRatioMix})`,
    },
    { name: "cards p95 < 20 ms", pass: results.cards.timing.p95 < 20, detail: `${ms(results.cards.timing.p95)} ms` },
    {
      name: "overview queries p95 < 200 ms (each)",
      pass: Object.values(results.overview).every((timing) => timing.p95 < 200),
      detail: Object.entries(results.overview)
        .map(([name, timing]) => `${name} ${ms(timing.p95)} ms`)
        .join(", "),
    },
    {
      name: "reconcile emits only truly stalled sets",
      pass: results.reconcile.onlyStalled,
      detail: `${n(results.reconcile.emitted)} emitted, ${n(results.reconcile.trulyStalled)} truly stalled of ${n(results.reconcile.activeSets)} Active (${n(results.reconcile.waitingForExpiry)} waiting for their expiry); pass p95 ${ms(results.reconcile.pass.p95)} ms`,
    },
    ...("skipped" in results.outreach
      ? []
      : [
          {
            name: "outreach ≥ 1,000 sends/s (local engine, outbox transport)",
            pass: results.outreach.sendsPerSecond >= 1000,
            detail: `${n(results.outreach.sendsPerSecond)} sends/s over ${n(results.outreach.sent)} of ${n(results.outreach.sets)} sets; ${results.outreach.statementsPerSend} statements and ${results.outreach.transactionsPerSend} transactions per send`,
          },
        ]),
    ...(results.pageWeight
      ? [
          {
            name: "/billing/invoices JS ≤ 200 kB gzipped",
            pass: results.pageWeight.totalGzipBytes <= 200_000,
            detail: `${n(results.pageWeight.totalGzipBytes)} bytes (runtime ${n(results.pageWeight.runtimeGzipBytes)} + page and layouts ${n(results.pageWeight.pageGzipBytes)})`,
          },
        ]
      : []),
    ...("skipped" in results.http
      ? []
      : results.http
          .filter((row) => row.name === "no filter")
          .map((row) => ({
            name: "/billing/invoices HTML ≤ 60 kB (25 rows)",
            pass: row.bytes <= 60_000,
            detail: `${n(row.bytes)} bytes`,
          }))),
    {
      name: "bulk 10,000 ≤ 2× bare UPDATE",
      pass: results.bulk.ratio <= 2,
      detail: `${results.bulk.ratio.toFixed(2)}× (${n(results.bulk.sets)} sets)`,
    },
    {
      name: "every mix: data layer and floor return the same rows",
      pass: results.mixes.every((mix) => mix.rowsMatch),
      detail:
        results.mixes
          .filter((mix) => !mix.rowsMatch)
          .map((mix) => mix.name)
          .join(", ") || "all match",
    },
  ];
}

export function renderMarkdown(results: BenchResults): string {
  const lines: string[] = [];
  const db = results.database;
  lines.push(`# Invoice Management bench — ${results.generatedAt}`, "");
  lines.push(
    `Clinic \`${results.clinic.slug}\`: ${n(db.clinicSets ?? 0)} invoice sets (database: ~${n(db.invoices ?? 0)} invoices, ~${n(db.messages ?? 0)} messages, ~${n(db.timeline_events ?? 0)} timeline events). ` +
      `${results.options.iterations} runs each after ${results.options.warmup} warm-up; ${results.machine.cpus} CPUs, load average ${results.machine.loadAverage.map((v) => v.toFixed(1)).join(" / ")}; ${results.machine.postgres}.`,
    "",
  );
  lines.push("## Page data layer (listInvoiceSets: rows + capped total) vs the bare SQL floor", "");
  lines.push(
    "| Mix | Matched | Data p50 | Data p95 | Floor (rows + capped count) p95 | Ratio (p95) | Floor (rows only) p95 | Rows-only ratio | Exact count p95 | Same rows |",
  );
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
  for (const mix of results.mixes) {
    lines.push(
      `| ${mix.name} | ${n(mix.matched)} | ${ms(mix.dataLayer.p50)} | ${ms(mix.dataLayer.p95)} | ${ms(mix.floorWithCount.p95)} | ${mix.ratio.toFixed(2)}× | ${ms(mix.floor.p95)} | ${mix.rowsOnlyRatio.toFixed(2)}× | ${ms(mix.count.p95)} | ${mix.rowsMatch ? "yes" : "NO"} |`,
    );
  }
  lines.push(
    "",
    'Times in ms. The data layer runs the page query and a count capped at 1,001 rows ("1,000+") side by side, so its like-for-like ' +
      'floor is the same two bare statements side by side; the rows-only floor and its ratio are shown too. "Exact count" is what an ' +
      "uncapped total alone would cost (the reason for the cap).",
    "",
  );
  const cards = results.cards;
  lines.push("## Metric cards (countAttentionInvoiceSets)", "");
  lines.push(
    `Failed ${n(cards.counts.failed)} · Expired ${n(cards.counts.expired)} · Paused ${n(cards.counts.paused)} · Will Fail ${n(cards.counts.will_fail)} — p50 ${ms(cards.timing.p50)} ms, p95 ${ms(cards.timing.p95)} ms`,
    "",
  );
  lines.push("## Overview (/billing/overview, 90 days)", "", "| Query | p50 | p95 |", "|---|---:|---:|");
  for (const [name, timing] of Object.entries(results.overview)) {
    lines.push(`| ${name} | ${ms(timing.p50)} | ${ms(timing.p95)} |`);
  }
  lines.push("");
  const rec = results.reconcile;
  lines.push("## Reconcile pass (Inngest function body at the data's now, rolled back)", "");
  lines.push(
    "| Active sets | Waiting for expiry | Truly stalled (full scan) | Emitted | p50 | p95 |",
    "|---:|---:|---:|---:|---:|---:|",
  );
  lines.push(
    `| ${n(rec.activeSets)} | ${n(rec.waitingForExpiry)} | ${n(rec.trulyStalled)} | ${n(rec.emitted)} | ${ms(rec.pass.p50)} | ${ms(rec.pass.p95)} |`,
    "",
  );
  lines.push("## Outreach throughput (local engine, outbox transport, throttle lifted)", "");
  if ("skipped" in results.outreach) {
    lines.push(`Skipped: ${results.outreach.skipped}`, "");
  } else {
    const o = results.outreach;
    lines.push(
      "| Sets | Sent | Enqueue | Runs | Sends/s | Statements/send | Transactions/send | Rows written/send |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|",
      `| ${n(o.sets)} | ${n(o.sent)} | ${n(o.enqueueMs)} ms | ${n(o.runMs)} ms | ${n(o.sendsPerSecond)} | ${o.statementsPerSend} | ${o.transactionsPerSend} | ${o.rowsWrittenPerSend} |`,
      "",
      `${o.concurrentRuns} runs at once; engine CPU ${o.cpuMsPerSend} ms per send. The same bodies through Inngest's SDK under @inngest/test (one run at a time, sleeps mocked):`,
      "",
      "| Sets | Sent | Steps/send | ms/send | ms/step | Local engine ms/send | Overhead ms/step |",
      "|---:|---:|---:|---:|---:|---:|---:|",
      `| ${n(o.inngest.sets)} | ${n(o.inngest.sent)} | ${o.inngest.stepsPerSend} | ${o.inngest.msPerSend} | ${o.inngest.msPerStep} | ${o.inngest.localMsPerSend} | ${o.inngest.overheadMsPerStep} |`,
      "",
    );
  }
  const bulk = results.bulk;
  lines.push(`## Bulk Pause of ${n(bulk.sets)} Active sets (rolled back)`, "");
  lines.push("| Way | p50 | p95 |", "|---|---:|---:|");
  lines.push(
    `| bulkTransitionInvoiceSets (chunks of 1,000, + timeline + audit rows) | ${ms(bulk.helper.p50)} | ${ms(bulk.helper.p95)} |`,
  );
  lines.push(`| bare UPDATE … WHERE id = ANY(…) | ${ms(bulk.bareUpdate.p50)} | ${ms(bulk.bareUpdate.p95)} |`);
  lines.push(`| ratio | | ${bulk.ratio.toFixed(2)}× |`, "");
  const data = results.data;
  lines.push("## Getting data in and out", "");
  lines.push("| What | Rows | Time | Rows/s | Note |", "|---|---:|---:|---:|---|");
  lines.push(
    `| CSV import (upload + preview, then batches of 1,000) | ${n(data.import.rows)} | ${n(data.import.previewMs + data.import.importMs)} ms (preview ${n(data.import.previewMs)}, write ${n(data.import.importMs)}) | ${n(data.import.rowsPerSecond)} | scratch clinic, deleted after |`,
  );
  lines.push(
    `| Export CSV, Invoice Management unfiltered (streamed) | ${n(data.export.rows)} | ${n(data.export.ms)} ms | ${n(data.export.rowsPerSecond)} | ${n(data.export.bytes)} bytes; heap grew ${data.export.peakHeapGrowthMb} MB at most; RSS ${n(data.export.rssBeforeMb)} → peak ${n(data.export.peakRssMb)} MB |`,
    "",
  );
  lines.push("## GET /billing/invoices from an HTTP client (full response)", "");
  if ("skipped" in results.http) {
    lines.push(`Skipped: ${results.http.skipped}`, "");
  } else {
    lines.push("| Mix | URL | p50 | p95 | Bytes |", "|---|---|---:|---:|---:|");
    for (const row of results.http)
      lines.push(`| ${row.name} | \`${row.url}\` | ${ms(row.timing.p50)} | ${ms(row.timing.p95)} | ${n(row.bytes)} |`);
    lines.push("");
  }
  lines.push("## Targets", "");
  for (const target of results.targets)
    lines.push(`- ${target.pass ? "PASS" : "FAIL"} ${target.name}: ${target.detail}`);
  lines.push(
    "",
    `## EXPLAIN (ANALYZE, BUFFERS) of the slowest mix: ${results.slowest.mix}`,
    "",
    "Page query (floor):",
    "```",
    results.slowest.pagePlan,
    "```",
    "",
    "Total count:",
    "```",
    results.slowest.countPlan,
    "```",
    "",
  );
  return lines.join("\n");
}
