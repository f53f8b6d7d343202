import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run, withAuditLogWritable } from "@/db/generate/raw-sql";
import { SCALE_PASSWORD } from "@/db/generate/scale-clinic";
import { hashPassword } from "@/lib/auth/password";
import { serializeInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { cpuShareBetween, type MachineCpuShare, readCpuTicks } from "./machine-cpu";
import type { BenchClinic, Mix } from "./mixes";
import { signIn } from "./run-http";
import { scratchUuid } from "./scratch-ids";
import { round, summarize } from "./stats";

export interface RouteLoad {
  route: string;
  kind: "read" | "action";
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
  perSecond: number;
}

export interface StaffLoadResult {
  staff: number;
  seconds: number;
  warmUpSeconds: number;
  thinkMs: number;
  overviewEvery: number;
  requests: number;
  throughput: number;
  routes: RouteLoad[];
  /** The list page's server time over the bare staff page's (same layout, same sign-in check), same run. */
  floor: { listP50: number; floorP50: number; ratioP50: number; listP95: number; floorP95: number; ratioP95: number };
  /** The load client's own event-loop delay while measuring (ms): a stall here is the client's, not the server's. */
  clientLoopDelay: { p99: number; max: number };
  /** The whole machine over the measured window (server, Postgres, this client and anything else). */
  machineCpu: MachineCpuShare | null;
  /** The first few failures, to say what went wrong. */
  failures: string[];
}

interface Step {
  route: string;
  kind: "read" | "action";
  /** Returns null when the answer is right, else what was wrong. */
  send: (worker: Worker) => Promise<string | null>;
}

interface Worker {
  cookie: string;
  /** The scratch set this staff member pauses and resumes. */
  setId: string;
  /** Where in the shared sample of sets this worker opens details. */
  cursor: number;
  /** Whether its set is paused now: Resume only follows its own Pause. */
  paused: boolean;
}

/**
 * `staff` signed-in staff (one scratch biller and session each) work the Invoice
 * Management page at once for `seconds`, after an unmeasured warm-up of the same load, each
 * with a think time around `thinkMs` between clicks: lists with filters, a set's details and
 * timeline, the Overview, Pause then Resume of their own scratch set (so the generated data
 * is never changed), and the bare floor page. Scratch staff, sets and everything they wrote
 * are deleted afterwards.
 */
export async function runStaffLoad(
  db: Db,
  baseUrl: string,
  clinic: BenchClinic,
  mixes: Mix[],
  options: {
    staff: number;
    seconds: number;
    thinkMs: number;
    /** The Overview in one round of every this many (0: never). */
    overviewEvery: number;
    slug: string;
    log: (line: string) => void;
  },
): Promise<StaffLoadResult> {
  const tag = randomUUID().slice(0, 8);
  const scratch = await createScratchStaff(db, clinic, options.staff, options.slug, tag);
  try {
    const sample = await executeRows<{ id: string }>(
      db,
      `SELECT id FROM invoice_sets WHERE clinic_id = '${clinic.clinicId}' AND id > '${randomUUID()}' ORDER BY id LIMIT 500`,
    );
    const actions = {
      timeline: serverActionId("getInvoiceSetTimeline"),
      pause: serverActionId("pauseInvoiceSet"),
      resume: serverActionId("resumeInvoiceSet"),
    };
    options.log(`  signing in ${options.staff} staff…`);
    const workers: Worker[] = [];
    for (const [k, email] of scratch.emails.entries())
      workers.push({
        cookie: await signIn(baseUrl, email, SCALE_PASSWORD),
        setId: scratch.setIds[k] as string,
        cursor: k * 20,
        paused: false,
      });
    const listUrls = ["no filter", "status multi + amount", "name search", "status: Paused", "created: last 30 days"]
      .flatMap((name) => mixes.filter((mix) => mix.name === name))
      .map((mix) => `/billing/invoices${serializeInvoiceSetSearchParams(mix.params)}`);
    const page = (route: string, url: string, marker: string): Step => ({
      route,
      kind: "read",
      send: async (worker) => {
        const response = await fetch(`${baseUrl}${url}`, { headers: { cookie: worker.cookie }, redirect: "manual" });
        const body = await response.text();
        return response.status === 200 && body.includes(marker) ? null : `GET ${url}: ${response.status}`;
      },
    });
    const action = (route: string, kind: Step["kind"], id: string, input: (worker: Worker) => unknown): Step => ({
      route,
      kind,
      send: async (worker) => {
        const response = await fetch(`${baseUrl}/billing/invoices`, {
          method: "POST",
          headers: {
            cookie: worker.cookie,
            accept: "text/x-component",
            "content-type": "text/plain;charset=UTF-8",
            "next-action": id,
            origin: baseUrl,
          },
          body: JSON.stringify([input(worker)]),
        });
        const body = await response.text();
        return response.status === 200 && body.includes('"ok":true')
          ? null
          : `${route}: ${response.status} ${body.slice(0, 200)}`;
      },
    });
    const details = action("details + timeline (action)", "read", actions.timeline, (worker) => {
      worker.cursor += 1;
      return { invoiceSetId: sample[worker.cursor % sample.length]?.id };
    });
    // One staff member's round: mostly lists and details, the Overview now and then, one row action and its undo.
    const listSteps = listUrls.map((url, index) =>
      page(index === 0 ? "list (no filter)" : "list (filters, search)", url, "Invoice Management"),
    );
    const round_: Step[] = [
      listSteps[0] as Step,
      details,
      listSteps[1] as Step,
      details,
      page("floor: bare staff page", "/bench-floor", "Bench floor"),
      listSteps[2] as Step,
      page("Overview", "/billing/overview", "Overview"),
      action(PAUSE, "action", actions.pause, (worker) => ({ invoiceSetId: worker.setId })),
      listSteps[3] as Step,
      details,
      action(RESUME, "action", actions.resume, (worker) => ({ invoiceSetId: worker.setId })),
      listSteps[4] as Step,
      page("floor: bare staff page", "/bench-floor", "Bench floor"),
    ];
    const timings = new Map<string, { kind: Step["kind"]; runs: number[]; errors: number }>();
    const failures: string[] = [];
    /** Every staff member works rounds until `deadline`; each click's time goes to `record` (none while warming up). */
    const work = (deadline: number, record: ((step: Step, ms: number, failure: string | null) => void) | null) =>
      Promise.all(
        workers.map(async (worker, k) => {
          // Staggered starts, and each begins at another point of the round.
          await sleep(Math.random() * options.thinkMs);
          for (let i = k; performance.now() < deadline; i += 1) {
            const step = round_[i % round_.length] as Step;
            const roundNumber = Math.floor(i / round_.length);
            if (step.route === "Overview" && (options.overviewEvery === 0 || roundNumber % options.overviewEvery !== 0))
              continue;
            // Resume only after their own Pause, and Pause only what they resumed (a staff
            // member may start mid-round, or the warm-up may end between the two).
            if ((step.route === RESUME && !worker.paused) || (step.route === PAUSE && worker.paused)) continue;
            const t0 = performance.now();
            let failure: string | null;
            try {
              failure = await step.send(worker);
            } catch (error) {
              failure = `${step.route}: ${error instanceof Error ? error.message : String(error)}`;
            }
            record?.(step, performance.now() - t0, failure);
            if (!failure && (step.route === PAUSE || step.route === RESUME)) worker.paused = step.route === PAUSE;
            if (options.thinkMs > 0) await sleep(options.thinkMs * (0.5 + Math.random()));
          }
        }),
      );
    // Warm-up, unmeasured: the same load for a while, so every server process behind the port
    // (npm start's WEB_CONCURRENCY; connections go to them in turn) has loaded every route and
    // compiled its hot code before the clock starts, as on a server that has been up a while.
    await work(performance.now() + WARM_UP_SECONDS * 1000, null);

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const ticksBefore = readCpuTicks();
    const started = performance.now();
    await work(started + options.seconds * 1000, (step, ms, failure) => {
      const entry = timings.get(step.route) ?? { kind: step.kind, runs: [], errors: 0 };
      entry.runs.push(ms);
      if (failure) {
        entry.errors += 1;
        if (failures.length < 5) failures.push(failure);
      }
      timings.set(step.route, entry);
    });
    const elapsed = (performance.now() - started) / 1000;
    const machineCpu = cpuShareBetween(ticksBefore, readCpuTicks());
    loopDelay.disable();
    const routes: RouteLoad[] = [...timings.entries()].map(([route, entry]) => {
      const timing = summarize(entry.runs);
      return {
        route,
        kind: entry.kind,
        requests: entry.runs.length,
        errors: entry.errors,
        p50: timing.p50,
        p95: timing.p95,
        max: round(Math.max(...entry.runs)),
        perSecond: round(entry.runs.length / elapsed),
      };
    });
    const list = summarize(
      [...timings.entries()].filter(([route]) => route.startsWith("list")).flatMap(([, entry]) => entry.runs),
    );
    const floor = routes.find((route) => route.route.startsWith("floor"));
    const requests = routes.reduce((sum, route) => sum + route.requests, 0);
    return {
      staff: options.staff,
      seconds: round(elapsed),
      warmUpSeconds: WARM_UP_SECONDS,
      thinkMs: options.thinkMs,
      overviewEvery: options.overviewEvery,
      requests,
      throughput: round(requests / elapsed),
      routes,
      floor: {
        listP50: list.p50,
        floorP50: floor?.p50 ?? 0,
        ratioP50: round(list.p50 / Math.max(floor?.p50 ?? 1, 0.01)),
        listP95: list.p95,
        floorP95: floor?.p95 ?? 0,
        ratioP95: round(list.p95 / Math.max(floor?.p95 ?? 1, 0.01)),
      },
      clientLoopDelay: { p99: round(loopDelay.percentile(99) / 1e6), max: round(loopDelay.max / 1e6) },
      machineCpu,
      failures,
    };
  } finally {
    await removeScratchStaff(db, clinic.clinicId, scratch);
  }
}

/** How long the unmeasured warm-up runs the same load. */
const WARM_UP_SECONDS = 15;
const PAUSE = "Pause (row action)";
const RESUME = "Resume (row action)";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server action's id in the bench build (the browser posts it in the Next-Action header). */
function serverActionId(exportName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(".next-bench", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === exportName && entry.filename?.includes("billing/invoices"),
  );
  if (!found) throw new Error(`No server action ${exportName} in the bench build; rebuild it (--rebuild).`);
  return found[0];
}

interface ScratchStaff {
  tag: string;
  userIds: string[];
  emails: string[];
  setIds: string[];
}

/** Billers of their own (one session each) and one Active set each, in the generated clinic. */
async function createScratchStaff(
  db: Db,
  clinic: BenchClinic,
  count: number,
  slug: string,
  tag: string,
): Promise<ScratchStaff> {
  const c = `'${clinic.clinicId}'`;
  const passwordHash = (await hashPassword(SCALE_PASSWORD)).replace(/'/g, "''");
  const users = await executeRows<{ id: string; email: string }>(
    db,
    `INSERT INTO users (email, name, password_hash)
     SELECT 'load-${tag}-' || k || '@${slug}.clinic', 'Load Bench ' || k, '${passwordHash}' FROM generate_series(1, ${count}) k
     RETURNING id, email`,
  );
  await run(
    db,
    `INSERT INTO memberships (user_id, clinic_id, role) SELECT id, ${c}, 'biller' FROM users WHERE email LIKE 'load-${tag}-%'`,
  );
  await run(
    db,
    `INSERT INTO patients (id, clinic_id, external_id, first_name, last_name, date_of_birth, phone, email, time_zone)
     SELECT ${scratchUuid(`'${tag}' || k`)}, ${c}, 'LOAD-${tag}-' || k, 'Load', 'Bench' || k, date '1980-01-01', NULL, NULL, 'UTC'
     FROM generate_series(1, ${count}) k`,
  );
  const sets = await executeRows<{ id: string }>(
    db,
    `INSERT INTO invoice_sets (clinic_id, patient_id, status, rule_set_id, sequence_step, sequence_cycle, sequence_started_at, amount_outstanding_cents)
     SELECT ${c}, ${scratchUuid(`'${tag}' || k`)}, 'active', '${clinic.ruleSets[0]?.id}', 1, 0, now() - interval '1 day', 10000
     FROM generate_series(1, ${count}) k
     RETURNING id`,
  );
  return { tag, userIds: users.map((u) => u.id), emails: users.map((u) => u.email), setIds: sets.map((s) => s.id) };
}

async function removeScratchStaff(db: Db, clinicId: string, scratch: ScratchStaff) {
  const list = (ids: string[]) => (ids.length ? ids.map((id) => `'${id}'`).join(",") : "NULL");
  const users = list(scratch.userIds);
  const sets = list(scratch.setIds);
  await withAuditLogWritable(db, () =>
    run(db, `DELETE FROM audit_log WHERE user_id IN (${users}) OR entity_id IN (${sets})`),
  );
  await run(db, `DELETE FROM outreach_jobs WHERE data->>'invoiceSetId' IN (${sets})`);
  for (const table of ["timeline_events", "messages", "patient_links"])
    await run(db, `DELETE FROM ${table} WHERE invoice_set_id IN (${sets})`);
  await run(db, `DELETE FROM invoice_sets WHERE id IN (${sets})`);
  await run(db, `DELETE FROM patients WHERE clinic_id = '${clinicId}' AND external_id LIKE 'LOAD-${scratch.tag}-%'`);
  await run(db, `DELETE FROM staff_sessions WHERE user_id IN (${users})`);
  await run(db, `DELETE FROM memberships WHERE user_id IN (${users})`);
  await run(db, `DELETE FROM users WHERE id IN (${users})`);
}
