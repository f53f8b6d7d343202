import type { BenchResults } from "./report";
import type { StaffLoadResult } from "./run-staff-load";
import type { WebhookResult } from "./run-webhooks";
import { ms, n } from "./stats";

/** The pass/fail lines for the issue's targets. */
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
    ...("skipped" in results.staff ? [] : staffTargets(results.staff)),
    ...("skipped" in results.webhooks
      ? []
      : webhookTargets(results.webhooks, "skipped" in results.webhookCapacity ? null : results.webhookCapacity)),
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

function staffTargets(staff: StaffLoadResult): BenchResults["targets"] {
  const worst = (kind: "read" | "action") =>
    staff.routes.filter((route) => route.kind === kind).sort((a, b) => b.p95 - a.p95)[0];
  const read = worst("read");
  const action = worst("action");
  const errors = staff.routes.reduce((sum, route) => sum + route.errors, 0);
  return [
    {
      name: `${staff.staff} staff at once: reads p95 < 150 ms (every route)`,
      pass: (read?.p95 ?? 0) < 150,
      detail: `worst ${ms(read?.p95 ?? 0)} ms (${read?.route ?? "none"})`,
    },
    {
      name: `${staff.staff} staff at once: row actions p95 < 250 ms`,
      pass: (action?.p95 ?? 0) < 250,
      detail: `worst ${ms(action?.p95 ?? 0)} ms (${action?.route ?? "none"})`,
    },
    {
      name: `${staff.staff} staff at once: 0 errors`,
      pass: errors === 0,
      detail: `${n(errors)} of ${n(staff.requests)} requests${staff.failures[0] ? `; first: ${staff.failures[0]}` : ""}`,
    },
  ];
}

function webhookTargets(webhooks: WebhookResult, capacity: WebhookResult | null): BenchResults["targets"] {
  const passes = capacity ? [webhooks, capacity] : [webhooks];
  const every = passes.flatMap((pass) => [pass.twilio, pass.resend]);
  return [
    // Latency at the offered rate; the capacity pass measures throughput, its latency is queueing.
    ...[webhooks.twilio, webhooks.resend].map((burst) => ({
      name: `${burst.provider} callbacks p95 < 50 ms at ${burst.rate || "max"}/s`,
      pass: burst.p95 < 50,
      detail: `${ms(burst.p95)} ms over ${n(burst.requests)} at ${burst.throughput}/s`,
    })),
    {
      name: "webhooks: 0 errors",
      pass: every.every((burst) => burst.non2xx === 0 && burst.errors === 0),
      detail: every
        .map(
          (burst) => `${burst.provider} at ${burst.rate || "max"}/s: ${burst.non2xx} non-2xx, ${burst.errors} errors`,
        )
        .join("; "),
    },
    {
      name: "webhooks: 0 lost or double-applied updates",
      pass: passes.every((pass) => pass.exact),
      detail: passes
        .map(
          (pass) =>
            `${pass.verification.wrongStatus} messages off their posted status, ${pass.verification.duplicateTimeline} duplicate timeline and ${pass.verification.duplicateAudit} duplicate audit rows`,
        )
        .join("; "),
    },
  ];
}
