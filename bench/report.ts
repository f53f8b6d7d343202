import type { PageWeight } from "./page-weight";
import type { BulkResult } from "./run-bulk";
import type { DataResult } from "./run-data";
import { GROWTH_MEASURES, type GrowthResult } from "./run-growth";
import type { HttpResult } from "./run-http";
import type { OutreachThroughput } from "./run-outreach";
import type { OverviewResult } from "./run-overview";
import { type CardsResult, type MixResult, ratioWarmup } from "./run-page-mixes";
import type { ReconcileResult } from "./run-reconcile";
import type { SmallClinicSearchResult } from "./run-small-clinic-search";
import type { StaffLoadResult } from "./run-staff-load";
import type { WebhookResult } from "./run-webhooks";
import { ms, n } from "./stats";

export interface BenchResults {
  generatedAt: string;
  clinic: { slug: string; clinicId: string };
  database: Record<string, number>;
  /** serverProcesses: the app's processes for the HTTP parts (null: not started by the bench). */
  machine: { cpus: number; loadAverage: number[]; serverProcesses: number | null; postgres: string };
  options: { iterations: number; mixIterations?: number; warmup: number; bulkSize: number };
  mixes: MixResult[];
  smallClinicSearch: SmallClinicSearchResult;
  cards: CardsResult;
  overview: OverviewResult;
  reconcile: ReconcileResult;
  outreach: OutreachThroughput | { skipped: string };
  /** From the bench build (.next-bench); null when there is none yet. */
  pageWeight: PageWeight | null;
  bulk: BulkResult;
  http: HttpResult[] | { skipped: string };
  staff: StaffLoadResult | { skipped: string };
  /** Posted at the offered rate, evenly spaced (the latency target). */
  webhooks: WebhookResult | { skipped: string };
  /** The same posts again, each connection posting as soon as it has its answer. */
  webhookCapacity: WebhookResult | { skipped: string };
  growth: GrowthResult | { skipped: string };
  /** Seconds each part took in this run. */
  durations: Record<string, number>;
  data: DataResult;
  slowest: { mix: string; pagePlan: string; countPlan: string };
  targets: { name: string; pass: boolean; detail: string }[];
}

export function renderMarkdown(results: BenchResults): string {
  const lines: string[] = [];
  const db = results.database;
  lines.push(`# Invoice Management bench — ${results.generatedAt}`, "");
  lines.push(
    `Clinic \`${results.clinic.slug}\`: ${n(db.clinicSets ?? 0)} invoice sets (database: ~${n(db.invoices ?? 0)} invoices, ~${n(db.messages ?? 0)} messages, ~${n(db.timeline_events ?? 0)} timeline events). ` +
      `${results.options.iterations} runs each after ${results.options.warmup} warm-up; ${results.machine.cpus} CPUs, load average ${results.machine.loadAverage.map((v) => v.toFixed(1)).join(" / ")}; ${results.machine.postgres}${results.machine.serverProcesses ? `; the HTTP parts against ${results.machine.serverProcesses} server processes (npm start, WEB_CONCURRENCY)` : ""}.`,
    "",
  );
  lines.push("## Page data layer (listInvoiceSets: rows + capped total) vs the bare SQL floor", "");
  const ratioIterations = results.options.mixIterations ?? results.options.iterations;
  lines.push(
    `${ratioIterations} runs per mix of the data layer and both floors, interleaved, after ${ratioWarmup({ ...results.options, ratioIterations })} unmeasured (the exact count: ${results.options.iterations}). ` +
      "More runs than the rest of the bench: on sub-millisecond queries a p95 of 20 runs is the slowest run, one scheduling hiccup.",
    "",
  );
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
  const { attention, resumingSoon } = cards.counts;
  const small = results.smallClinicSearch;
  lines.push(
    "## Name search: a small clinic beside the generated one, in the same database",
    "",
    `"${small.term}" searched in the generated clinic and in a scratch clinic of ${n(small.smallClinicSets)} sets, interleaved (listInvoiceSets, ${small.small.runs.length} runs each). The patients' search index is led by the clinic, so a clinic's search reads its own patients' entries only.`,
    "",
    "| Clinic | Sets | Matched | p50 | p95 |",
    "|---|---:|---:|---:|---:|",
    `| generated | ${n(db.clinicSets ?? 0)} | ${n(small.matched.generated)} | ${ms(small.generated.p50)} | ${ms(small.generated.p95)} |`,
    `| small | ${n(small.smallClinicSets)} | ${n(small.matched.small)} | ${ms(small.small.p50)} | ${ms(small.small.p95)} |`,
    "",
  );
  lines.push("## Metric cards (countMetricCards)", "");
  lines.push(
    `Failed ${n(attention.failed)} · Expired ${n(attention.expired)} · Paused ${n(attention.paused)} (${n(resumingSoon)} resuming within 7 days) · Will Fail ${n(attention.will_fail)} — p50 ${ms(cards.timing.p50)} ms, p95 ${ms(cards.timing.p95)} ms`,
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
    "| Active sets | Waiting for expiry | Runs lost for the pass | Truly stalled (full scan) | Emitted | p50 | p95 |",
    "|---:|---:|---:|---:|---:|---:|---:|",
  );
  lines.push(
    `| ${n(rec.activeSets)} | ${n(rec.waitingForExpiry)} | ${n(rec.lostRuns)} | ${n(rec.trulyStalled)} | ${n(rec.emitted)} | ${ms(rec.pass.p50)} | ${ms(rec.pass.p95)} |`,
    "",
    "Each pass runs in a rolled-back transaction that first loses the runs of one Active set with a next send in 1,000 (its send a day overdue).",
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
  renderStaff(lines, results.staff);
  renderWebhooks(lines, "at a steady rate: one request every 1/rate s, timed from when it was due", results.webhooks);
  renderWebhooks(lines, "at capacity: 20 connections, each posting again on its answer", results.webhookCapacity);
  renderGrowth(lines, results.growth);
  lines.push("## How long each part took (s)", "", "| Part | Seconds |", "|---|---:|");
  for (const [part, seconds] of Object.entries(results.durations)) lines.push(`| ${part} | ${seconds} |`);
  lines.push("");
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

function renderStaff(lines: string[], staff: BenchResults["staff"]) {
  lines.push("## Staff under load (production build, concurrent signed-in staff)", "");
  if ("skipped" in staff) {
    lines.push(`Skipped: ${staff.skipped}`, "");
    return;
  }
  lines.push(
    `${staff.staff} staff, one session each, for ${staff.seconds} s (after ${staff.warmUpSeconds} s of the same load unmeasured) with ${staff.thinkMs} ms think time (±50%) between clicks, the Overview ${staff.overviewEvery === 0 ? "left out" : staff.overviewEvery === 1 ? "in every round" : `in one round of ${staff.overviewEvery}`}: ${n(staff.requests)} requests, ${staff.throughput}/s.`,
    "",
    "| Route | Kind | Requests | Per s | p50 | p95 | Max | Errors |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  );
  for (const route of staff.routes)
    lines.push(
      `| ${route.route} | ${route.kind} | ${n(route.requests)} | ${route.perSecond} | ${ms(route.p50)} | ${ms(route.p95)} | ${ms(route.max)} | ${route.errors} |`,
    );
  const f = staff.floor;
  lines.push(
    "",
    `List page (every list request) over the bare staff page (same layout and sign-in check, bench build only), same run: p50 ${ms(f.listP50)} / ${ms(f.floorP50)} ms = **${f.ratioP50.toFixed(2)}×**, p95 ${ms(f.listP95)} / ${ms(f.floorP95)} ms = **${f.ratioP95.toFixed(2)}×**.`,
    "",
    `The load client's own event-loop delay while measuring: p99 ${ms(staff.clientLoopDelay.p99)} ms, max ${ms(staff.clientLoopDelay.max)} ms (a stall there delays every route's timing at once).`,
    "",
  );
  const cpu = staff.machineCpu;
  if (cpu)
    lines.push(
      `The whole machine over the measured window (server, Postgres, this client and anything else running): ${cpu.busyPercent}% busy, ${cpu.stealPercent}% stolen by the hypervisor, ${cpu.iowaitPercent}% waiting on I/O.`,
      "",
    );
  if (staff.failures.length) lines.push("First failures:", ...staff.failures.map((failure) => `- ${failure}`), "");
}

function renderWebhooks(lines: string[], load: string, webhooks: BenchResults["webhooks"]) {
  lines.push(`## Webhook bursts ${load} (signed callbacks on loopback, production build)`, "");
  if ("skipped" in webhooks) {
    lines.push(`Skipped: ${webhooks.skipped}`, "");
    return;
  }
  lines.push(
    "| Provider | Requests | Offered rate | Connections | Took | Throughput | p50 | p95 | p99 | Max | Non-2xx | Errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const b of [webhooks.twilio, webhooks.resend])
    lines.push(
      `| ${b.provider} | ${n(b.requests)} | ${b.rate ? `${b.rate}/s` : "max"} | ${b.connections} | ${n(b.durationMs)} ms | ${b.throughput}/s | ${ms(b.p50)} | ${ms(b.p95)} | ${ms(b.p99)} | ${ms(b.max)} | ${b.non2xx} | ${b.errors} |`,
    );
  const v = webhooks.verification;
  const statuses = Object.keys({ ...v.expected, ...v.actual }).sort();
  lines.push(
    "",
    `Afterwards in the database (${webhooks.exact ? "exact: nothing lost, nothing applied twice" : "**NOT exact**"}):`,
    "",
    "| Check | Expected | Found |",
    "|---|---:|---:|",
    ...statuses.map((status) => `| messages ${status} | ${n(v.expected[status] ?? 0)} | ${n(v.actual[status] ?? 0)} |`),
    `| messages not at their posted status | 0 | ${n(v.wrongStatus)} |`,
    `| message_delivered timeline rows | ${n(v.deliveredTimeline.expected)} | ${n(v.deliveredTimeline.actual)} |`,
    `| message_failed timeline rows | ${n(v.failedTimeline.expected)} | ${n(v.failedTimeline.actual)} |`,
    `| audit rows of message moves | ${n(v.auditMoves.expected)} | ${n(v.auditMoves.actual)} |`,
    `| sets failed by a permanent failure (the engine's runs, ${webhooks.failuresTakenInMs === null ? "**not all within a minute**" : `all in ${n(webhooks.failuresTakenInMs)} ms after the last answer`}) | ${n(v.failedSets.expected)} | ${n(v.failedSets.actual)} |`,
    `| webhook receipts (replays not counted) | ${n(v.receipts.expected)} | ${n(v.receipts.actual)} |`,
    `| (set, timeline kind) written twice | 0 | ${n(v.duplicateTimeline)} |`,
    `| (entity, audit action) written twice | 0 | ${n(v.duplicateAudit)} |`,
    "",
  );
}

function renderGrowth(lines: string[], growth: BenchResults["growth"]) {
  lines.push("## Growth curves (p50 in ms; the same runs at each size, one after the other)", "");
  if ("skipped" in growth) {
    lines.push(`Skipped: ${growth.skipped}`, "");
    return;
  }
  const points = growth.points;
  const first = points[0];
  const last = points.at(-1);
  const label = (sets: number) => (sets >= 1_000_000 ? `${sets / 1_000_000}M` : `${Math.round(sets / 1000)}k`);
  lines.push(
    `| What | ${points.map((p) => `${label(p.sets)} sets`).join(" | ")} | ×${first && last ? (last.sets / first.sets).toFixed(0) : "?"} sets → |`,
    `|---|${points.map(() => "---:").join("|")}|---:|`,
  );
  for (const measure of GROWTH_MEASURES) {
    const growthFactor = first && last ? last.timings[measure].p50 / Math.max(first.timings[measure].p50, 0.01) : 0;
    lines.push(
      `| ${measure} | ${points.map((p) => ms(p.timings[measure].p50)).join(" | ")} | ×${growthFactor.toFixed(1)} |`,
    );
  }
  const generated = points.filter((p) => p.generatedMs > 0);
  lines.push(
    "",
    growth.png
      ? `Plot: \`${growth.png}\` (from \`${growth.svg}\`).`
      : `Plot: \`${growth.svg}\` only (no PNG: ${growth.reason ?? "no browser"}).`,
    ...(generated.length
      ? [
          "",
          `Generated in this run: ${generated.map((p) => `${p.database} in ${n(Math.round(p.generatedMs / 1000))} s`).join(", ")}.`,
        ]
      : []),
    "",
  );
}
