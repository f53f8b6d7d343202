import type { Db, Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { settleOverview } from "@/lib/overview/settle-overview";
import { BULK_TABLES, dropIndexes, listSecondaryIndexes } from "./indexes";
import { PHASES } from "./phases";
import { type GenerationContext, patientCountFor, setupStatements } from "./plan";
import { type Log, startPhase } from "./progress";
import { run, runCounting, withAuditLogWritable } from "./raw-sql";
import { CLINIC_TABLES, removeClinic } from "./remove-clinic";
import { createScaleClinic, SCALE_TIME_ZONE } from "./scale-clinic";
import { createExpressions, namespaceFor } from "./sql-expressions";

export const DEFAULT_SCALE_SLUG = "scale";
export const DEFAULT_SEED = 7;

export interface GenerateOptions {
  sets: number;
  slug?: string;
  seed?: number;
  /** Remove an earlier generated clinic with this slug first (otherwise refuse). */
  reset?: boolean;
  /** The data's "now"; defaults to today 00:00 UTC so a rerun on the same day is identical. */
  now?: Date;
  /** Sets per statement (progress granularity). */
  chunkSize?: number;
  /** Drop secondary indexes during the load and skip FK triggers (superuser only). Defaults to sets >= 20,000. */
  bulk?: boolean;
  /** VACUUM ANALYZE afterwards (needed for index-only scans). Defaults to true. */
  vacuum?: boolean;
  log?: Log;
  tty?: boolean;
}

export interface GenerateResult {
  clinicId: string;
  slug: string;
  sets: number;
  patients: number;
  rows: Record<string, number>;
  seconds: Record<string, number>;
  totalSeconds: number;
}

/** The generated clinic before a new one replaces it: truncated when it is alone here. */
async function removeGeneratedClinic(db: Executor, clinicId: string, log: Log): Promise<void> {
  const [others] = await executeRows<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM clinics WHERE id <> '${clinicId}'`,
  );
  if ((others?.n ?? 0) === 0) {
    log("  reset: the generated clinic is the only one here, truncating");
    await withAuditLogWritable(db, () => run(db, `TRUNCATE ${[...CLINIC_TABLES, "clinics"].join(", ")} CASCADE`));
    return;
  }
  log("  reset: other clinics share this database, deleting the generated clinic's rows (slow at large sizes)");
  await removeClinic(db, clinicId);
}

function chunks(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let from = 1; from <= total; from += size) out.push([from, Math.min(total, from + size - 1)]);
  return out;
}

/**
 * Fills the database with one generated clinic of `sets` invoice sets (see bench/README.md).
 * Everything but the final VACUUM runs in one transaction: a failed run leaves nothing behind.
 */
export async function generateScaleData(db: Db, options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tty = options.tty ?? false;
  const slug = options.slug ?? DEFAULT_SCALE_SLUG;
  const seed = options.seed ?? DEFAULT_SEED;
  const sets = Math.floor(options.sets);
  if (!Number.isFinite(sets) || sets < 1) throw new Error("--sets must be a positive whole number.");
  const bulk = options.bulk ?? sets >= 20_000;
  const chunkSize = options.chunkSize ?? Math.max(1000, Math.ceil(sets / 20));
  const now = options.now ?? new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const started = performance.now();

  const existing = await executeRows<{ id: string }>(
    db,
    `SELECT id FROM clinics WHERE slug = '${slug.replace(/'/g, "''")}'`,
  );
  if (existing[0]) {
    if (!options.reset)
      throw new Error(
        `A clinic with slug "${slug}" already exists. Pass --reset to replace it, or --slug to add another.`,
      );
    await removeGeneratedClinic(db, existing[0].id, log);
  }

  const rows: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  const result = await db.transaction(async (tx) => {
    const [role] = await executeRows<{ superuser: boolean }>(
      tx,
      "SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user",
    );
    const skipTriggers = bulk && role?.superuser === true;
    // JIT compiling these long expressions costs ~1.7 s per statement, more than running them.
    await run(tx, "SET LOCAL jit = off");
    if (bulk) {
      // The plan (a temp table of ~250 MB at 1M sets) would thrash the default 8 MB of temp buffers.
      await run(tx, "SET LOCAL temp_buffers = '1GB'");
      await run(tx, "SET LOCAL work_mem = '256MB'");
      await run(tx, "SET LOCAL maintenance_work_mem = '1GB'");
    }
    // FK triggers checked per row cost more than the whole insert; rows are consistent by construction.
    if (skipTriggers) await run(tx, "SET LOCAL session_replication_role = replica");

    const clinic = await createScaleClinic(tx, slug);
    const patients = patientCountFor(sets);
    const ctx: GenerationContext = {
      x: createExpressions(seed, namespaceFor(slug)),
      clinic,
      sets,
      patients,
      anchor: `'${now.toISOString()}'::timestamptz`,
    };
    log(
      `Generating clinic "${slug}": ${sets.toLocaleString("en-US")} sets, ${patients.toLocaleString("en-US")} patients (seed ${seed}${bulk ? ", bulk load" : ""})`,
    );
    for (const statement of setupStatements(ctx)) await run(tx, statement);

    const secondary = bulk ? await listSecondaryIndexes(tx) : [];
    await dropIndexes(tx, secondary);

    for (const phase of PHASES) {
      const total = phase.unit === "patients" ? patients : sets;
      const progress = startPhase(phase.name, total, log, tty);
      let written = 0;
      for (const [from, to] of chunks(total, chunkSize)) {
        written += await runCounting(tx, phase.statement(ctx, from, to));
        progress.update(to);
      }
      if (phase.name === "plan") await run(tx, "ANALYZE scale_plan");
      rows[phase.name] = written;
      seconds[phase.name] = progress.finish(written);
    }

    if (secondary.length > 0) {
      const progress = startPhase("indexes", secondary.length, log, tty);
      const took: [string, number][] = [];
      for (const [n, index] of secondary.entries()) {
        const indexStarted = performance.now();
        await run(tx, index.definition);
        took.push([index.name, (performance.now() - indexStarted) / 1000]);
        progress.update(n + 1);
      }
      seconds.indexes = progress.finish(secondary.length);
      const slowest = took.sort((a, b) => b[1] - a[1]).slice(0, 4);
      log(`    slowest: ${slowest.map(([name, s]) => `${name} ${s.toFixed(1)}s`).join(", ")}`);
    }
    // The Overview's rollups of every event up to and including the data's "now", where events
    // that would fall later are placed (final: no receipts to wait for; the mark is exclusive).
    const overview = startPhase("overview rollups", 1, log, tty);
    // Without statistics of the fresh rows the planner would pick scans fit for empty tables.
    await run(tx, "ANALYZE invoice_sets, invoices, payments, messages, timeline_events");
    // The aging days and status counts from the sets themselves, set-based: the bulk load skips
    // invoice_sets' triggers.
    await run(tx, `DELETE FROM overview_aging_changes WHERE clinic_id = '${clinic.clinicId}'`);
    await run(tx, `DELETE FROM invoice_set_status_changes WHERE clinic_id = '${clinic.clinicId}'`);
    await run(
      tx,
      `INSERT INTO invoice_set_status_counts SELECT clinic_id, status, count(*) FROM invoice_sets WHERE clinic_id = '${clinic.clinicId}' GROUP BY 1, 2`,
    );
    await run(
      tx,
      `INSERT INTO overview_aging_days SELECT '${clinic.clinicId}', a.* FROM overview_aging_days('${clinic.clinicId}') a`,
    );
    await settleOverview(tx, { clinicId: clinic.clinicId, timeZone: SCALE_TIME_ZONE }, new Date(now.getTime() + 1), 0);
    overview.update(1);
    seconds.overview = overview.finish(1);
    await run(tx, `UPDATE clinics SET next_invoice_number = ${1000 + sets * 5 + 1} WHERE id = '${clinic.clinicId}'`);
    return { clinicId: clinic.clinicId, patients };
  });

  if (options.vacuum ?? true) {
    // The Overview's rollups too: filled after the ANALYZE above, they would otherwise be read
    // with plans for empty tables until autovacuum gets to them (results 5× slower, bench/).
    const tables = [
      ...BULK_TABLES,
      "overview_funnel_days",
      "overview_result_days",
      "overview_collection_days",
      "overview_aging_days",
    ];
    const progress = startPhase("vacuum/analyze", tables.length, log, tty);
    for (const [n, table] of tables.entries()) {
      await run(db, `VACUUM (ANALYZE) ${table}`);
      progress.update(n + 1);
    }
    seconds.vacuum = progress.finish(0);
  }
  const totalSeconds = (performance.now() - started) / 1000;
  log(`Done in ${totalSeconds.toFixed(1)}s.`);
  return { clinicId: result.clinicId, slug, sets, patients: result.patients, rows, seconds, totalSeconds };
}
