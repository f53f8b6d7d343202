// `npm start`: the production server, `next start` in WEB_CONCURRENCY processes sharing one
// port (Node's cluster module hands each new connection to the next process), so a server
// uses every core instead of one event loop. Default: one process per core on Postgres; the
// embedded PGlite database belongs to one process, so without DATABASE_URL there is one.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import os from "node:os";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function processCount() {
  const raw = process.env.WEB_CONCURRENCY;
  if (!process.env.DATABASE_URL) {
    if (raw && raw !== "1")
      console.warn("WEB_CONCURRENCY is ignored without DATABASE_URL: PGlite runs in one process.");
    return 1;
  }
  if (raw === undefined || raw === "") return os.availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${raw}").`);
    process.exit(1);
  }
  return count;
}

function runNextStart() {
  process.argv = [process.argv[0], nextBin, "start", ...process.argv.slice(2)];
  return import(nextBin);
}

/** A process that dies within this long of starting counts as failing to start. */
const EARLY_EXIT_MS = 10_000;

if (cluster.isWorker) {
  await runNextStart();
} else {
  const count = processCount();
  if (count === 1) {
    await runNextStart();
  } else {
    let stopping = false;
    let earlyExits = 0;
    const started = new Map();
    const fork = () => started.set(cluster.fork().id, Date.now());
    for (let i = 0; i < count; i += 1) fork();
    console.log(`Started ${count} server processes (WEB_CONCURRENCY).`);

    cluster.on("exit", (worker, code, signal) => {
      const early = Date.now() - (started.get(worker.id) ?? 0) < EARLY_EXIT_MS;
      started.delete(worker.id);
      if (stopping) {
        if (started.size === 0) process.exit();
        return;
      }
      // A process that can't start (bad environment, port taken) would fail the same way again.
      earlyExits = early ? earlyExits + 1 : 0;
      if (earlyExits >= count) {
        console.error("The server processes exit as they start; stopping. See the errors above.");
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.kill();
        process.exitCode = 1;
        if (started.size === 0) process.exit();
        return;
      }
      console.error(`A server process ended (${signal ?? `code ${code}`}); starting another.`);
      fork();
    });

    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.on(signal, () => {
        stopping = true;
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
        if (started.size === 0) process.exit();
      });
    }
  }
}
