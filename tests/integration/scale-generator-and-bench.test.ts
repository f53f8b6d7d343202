import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchResults } from "@/bench/report";
import { runBench } from "@/bench/run-bench";
import type { Database } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { type GenerateResult, generateScaleData } from "@/db/generate/generate-scale-data";
import { testDatabase } from "../support/test-db";

// The generator and the bench at a tiny size, to keep them working. No timing assertions:
// the bench is a benchmark, not a test.
const SETS = 500;
const slug = `scale-test-${Date.now().toString(36)}`;
let database: Database;
let generated: GenerateResult;
const outDir = mkdtempSync(path.join(os.tmpdir(), "bench-test-"));

async function one<T extends Record<string, unknown>>(text: string): Promise<T> {
  const [row] = await executeRows<T>(database.db, text);
  if (!row) throw new Error(`no row: ${text}`);
  return row;
}

beforeAll(async () => {
  database = await testDatabase();
  generated = await generateScaleData(database.db, { sets: SETS, slug, vacuum: false, log: () => {} });
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("db:generate at a tiny size", () => {
  it("writes the sets, patients, invoices, messages and timeline of one clinic", async () => {
    const id = `'${generated.clinicId}'`;
    const counts = await one<{
      sets: number;
      patients: number;
      invoices: number;
      charges: number;
      messages: number;
      events: number;
    }>(
      `SELECT (SELECT count(*)::int FROM invoice_sets WHERE clinic_id = ${id}) AS sets,
        (SELECT count(*)::int FROM patients WHERE clinic_id = ${id}) AS patients,
        (SELECT count(*)::int FROM invoices WHERE clinic_id = ${id}) AS invoices,
        (SELECT count(*)::int FROM invoice_charges WHERE clinic_id = ${id}) AS charges,
        (SELECT count(*)::int FROM messages WHERE clinic_id = ${id}) AS messages,
        (SELECT count(*)::int FROM timeline_events WHERE clinic_id = ${id}) AS events`,
    );
    expect(counts.sets).toBe(SETS);
    expect(counts.patients).toBe(generated.patients);
    expect(counts.invoices).toBeGreaterThan(SETS * 2);
    expect(counts.charges).toBeGreaterThanOrEqual(counts.invoices);
    expect(counts.messages + counts.events).toBeGreaterThan(SETS * 7);
    const statuses = await executeRows<{ status: string }>(
      database.db,
      `SELECT DISTINCT status::text AS status FROM invoice_sets WHERE clinic_id = ${id}`,
    );
    expect(statuses.map((row) => row.status).sort()).toEqual([
      "active",
      "cancelled",
      "collections",
      "expired",
      "failed",
      "paid",
      "paused",
      "will_fail",
      "written_off",
    ]);
  });

  it("keeps money consistent: totals = charges, paid = payments, outstanding = balances", async () => {
    const id = `'${generated.clinicId}'`;
    const bad = await one<{
      totals: number;
      paid: number;
      outstanding: number;
      open_zero: number;
      paid_owing: number;
      statuses: number;
    }>(
      `SELECT
        (SELECT count(*)::int FROM invoices i WHERE i.clinic_id = ${id} AND i.total_cents <> (SELECT sum(amount_cents) FROM invoice_charges c WHERE c.invoice_id = i.id)) AS totals,
        (SELECT count(*)::int FROM invoices i WHERE i.clinic_id = ${id} AND i.paid_cents <> coalesce((SELECT sum(amount_cents) FROM payments p WHERE p.invoice_id = i.id), 0)) AS paid,
        (SELECT count(*)::int FROM invoice_sets s WHERE s.clinic_id = ${id} AND s.amount_outstanding_cents <> (SELECT sum(balance_cents) FROM invoices i WHERE i.invoice_set_id = s.id)) AS outstanding,
        (SELECT count(*)::int FROM invoice_sets WHERE clinic_id = ${id} AND status IN ('active','paused','expired','will_fail','failed') AND amount_outstanding_cents = 0) AS open_zero,
        (SELECT count(*)::int FROM invoice_sets WHERE clinic_id = ${id} AND status = 'paid' AND amount_outstanding_cents <> 0) AS paid_owing,
        (SELECT count(*)::int FROM invoices WHERE clinic_id = ${id} AND status::text <> CASE WHEN paid_cents = total_cents THEN 'paid' WHEN paid_cents > 0 THEN 'partially_paid' ELSE 'issued' END) AS statuses`,
    );
    expect(bad).toEqual({ totals: 0, paid: 0, outstanding: 0, open_zero: 0, paid_owing: 0, statuses: 0 });
    const openPerPatient = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT patient_id FROM invoice_sets WHERE clinic_id = '${generated.clinicId}'
        AND status IN ('active','paused','expired','will_fail','failed') GROUP BY patient_id HAVING count(*) > 1) x`,
    );
    expect(openPerPatient.n).toBe(0);
  });

  it("leaves the Overview's aging days equal to the open sets' balances by day", async () => {
    const id = `'${generated.clinicId}'`;
    const stored = await executeRows<{ day: string; sets: number; cents: number }>(
      database.db,
      `SELECT day::text, sum(sets)::int AS sets, sum(cents)::int AS cents
        FROM (SELECT day, sets, cents FROM overview_aging_days WHERE clinic_id = ${id}
              UNION ALL SELECT day, sets, cents FROM overview_aging_changes WHERE clinic_id = ${id}) s
        GROUP BY day HAVING sum(sets) <> 0 OR sum(cents) <> 0 ORDER BY day`,
    );
    const fromSets = await executeRows<{ day: string; sets: number; cents: number }>(
      database.db,
      `SELECT (created_at AT TIME ZONE 'UTC')::date::text AS day, count(*)::int AS sets, sum(amount_outstanding_cents)::int AS cents
        FROM invoice_sets WHERE clinic_id = ${id} AND status IN ('active','paused','expired','will_fail','failed')
          AND amount_outstanding_cents > 0
        GROUP BY 1 ORDER BY 1`,
    );
    expect(fromSets.length).toBeGreaterThan(10);
    expect(stored).toEqual(fromSets);
  });

  it("refuses to generate the same clinic twice without --reset", async () => {
    await expect(generateScaleData(database.db, { sets: 10, slug, vacuum: false, log: () => {} })).rejects.toThrow(
      /--reset/,
    );
  });
});

describe("bench at a tiny size", () => {
  let results: BenchResults;
  beforeAll(async () => {
    results = await runBench(database.db, {
      slug,
      iterations: 2,
      warmup: 0,
      bulkSize: 40,
      outDir,
      http: null,
      log: () => {},
    });
  }, 120_000);

  it("writes results.json and results.md with every mix, the cards, the bulk and the slowest plan", () => {
    expect(existsSync(path.join(outDir, "results.md"))).toBe(true);
    const written = JSON.parse(readFileSync(path.join(outDir, "results.json"), "utf8")) as BenchResults;
    expect(written.mixes.length).toBeGreaterThanOrEqual(10);
    expect(
      written.mixes.every(
        (mix) => mix.dataLayer.runs.length === 2 && mix.floor.runs.length === 2 && mix.floorWithCount.runs.length === 2,
      ),
    ).toBe(true);
    expect(written.slowest.pagePlan).toMatch(/Execution Time/);
    expect(readFileSync(path.join(outDir, "results.md"), "utf8")).toContain("| no filter |");
  });

  it("measures the data layer against a floor that returns the same rows", () => {
    expect(results.mixes.filter((mix) => !mix.rowsMatch).map((mix) => mix.name)).toEqual([]);
    const noFilter = results.mixes.find((mix) => mix.name === "no filter");
    expect(noFilter?.matched).toBe(SETS);
    expect(results.mixes.find((mix) => mix.name === "phone search (punctuated)")?.matched).toBeGreaterThanOrEqual(1);
  });

  it("searches a small clinic beside the generated one, finds its namesakes there, and removes it", async () => {
    const { smallClinicSearch: search } = results;
    expect(search.term).not.toBe("");
    expect(search.smallClinicSets).toBeGreaterThan(0);
    expect(search.matched.small).toBeGreaterThanOrEqual(1);
    expect(search.matched.generated).toBeGreaterThanOrEqual(1);
    expect(search.small.runs).toHaveLength(2);
    const scratch = await one<{ n: number }>("SELECT count(*)::int AS n FROM clinics WHERE slug LIKE 'bench-small-%'");
    expect(scratch.n).toBe(0);
  });

  it("counts the cards like SQL does, and rolls the bulk pause back", async () => {
    const id = `'${generated.clinicId}'`;
    const paused = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM invoice_sets WHERE clinic_id = ${id} AND status = 'paused'`,
    );
    expect(results.cards.counts.attention.paused).toBe(paused.n);
    expect(results.bulk.changed).toBe(results.bulk.sets);
    expect(results.bulk.sets).toBeGreaterThan(0);
    const active = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM invoice_sets WHERE clinic_id = ${id} AND status = 'active'`,
    );
    expect(active.n).toBeGreaterThanOrEqual(results.bulk.sets);
  });

  it("gives every Active set a next action, and the reconcile pass re-emits only overdue ones", async () => {
    const unplanned = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM invoice_sets WHERE clinic_id = '${generated.clinicId}' AND status = 'active' AND next_action_at IS NULL`,
    );
    expect(unplanned.n).toBe(0);
    expect(results.reconcile.activeSets).toBeGreaterThan(0);
    // The runs the bench loses for the pass are found, whatever else already stalled.
    expect(results.reconcile.lostRuns).toBeGreaterThan(0);
    expect(results.reconcile.emitted).toBeGreaterThanOrEqual(results.reconcile.lostRuns);
    expect(results.reconcile.emitted).toBe(results.reconcile.trulyStalled);
    expect(results.reconcile.onlyStalled).toBe(true);
  });
});
