import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { serializeInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import type { Mix } from "./mixes";
import { type MeasureOptions, measureInterleaved, type Timing } from "./stats";

export interface HttpResult {
  name: string;
  url: string;
  status: number;
  bytes: number;
  timing: Timing;
}

export const BENCH_DIST_DIR = ".next-bench";
export const BENCH_AUTH_SECRET = "bench-only-secret-0123456789abcdef0123456789";
/** Bench-only provider secrets: the bench server is started with them, and bench/run-webhooks.ts signs with them. */
export const BENCH_TWILIO_AUTH_TOKEN = "bench-twilio-auth-token";
export const BENCH_RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from("bench-resend-webhook-secret-32by").toString("base64")}`;

export interface Server {
  baseUrl: string;
  /** Server processes behind the port (npm start's WEB_CONCURRENCY); null: a server the bench did not start. */
  processes: number | null;
  stop(): void;
}

/**
 * `next build` into .next-bench (once, or again with rebuild) and the app started on `port`
 * as `npm start` starts it in production (scripts/start.mjs: WEB_CONCURRENCY processes, by
 * default one per core), against DATABASE_URL.
 */
export async function startServer(
  port: number,
  options: { rebuild: boolean; log: (line: string) => void },
): Promise<Server> {
  const env = {
    ...process.env,
    NEXT_DIST_DIR: BENCH_DIST_DIR,
    NODE_ENV: "production" as const,
    AUTH_SECRET: process.env.AUTH_SECRET ?? BENCH_AUTH_SECRET,
    APP_URL: `http://127.0.0.1:${port}`,
    // Serves the framework-floor page (app/(staff)/bench-floor/page.bench.tsx) in this build only.
    BENCH_PAGES: "1",
    // The webhook bursts sign their callbacks with these (bench/run-webhooks.ts).
    TWILIO_AUTH_TOKEN: process.env.TWILIO_AUTH_TOKEN ?? BENCH_TWILIO_AUTH_TOKEN,
    RESEND_WEBHOOK_SECRET: process.env.RESEND_WEBHOOK_SECRET ?? BENCH_RESEND_WEBHOOK_SECRET,
  };
  // A build from before the floor page existed is rebuilt.
  const floorBuilt = existsSync(path.join(BENCH_DIST_DIR, "server", "app", "(staff)", "bench-floor"));
  if (options.rebuild || !existsSync(path.join(BENCH_DIST_DIR, "BUILD_ID")) || !floorBuilt) {
    options.log(`  building the app into ${BENCH_DIST_DIR} (next build)…`);
    const build = spawnSync("npx", ["next", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error("next build failed; see the output above.");
  }
  const processes = Number(process.env.WEB_CONCURRENCY || os.availableParallelism());
  const child: ChildProcess = spawn("node", ["scripts/start.mjs", "-p", String(port)], {
    env,
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    // Only the process group this bench started.
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/login`);
      if (response.ok) return { baseUrl, processes, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`next start did not answer on ${baseUrl} within 90 s (is port ${port} free?).`);
}

function cookiesOf(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .filter(Boolean);
}

/** Signs in through Auth.js' credentials endpoint like the login form; returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map(cookiesOf(csrfResponse).map((cookie) => [cookie.split("=")[0], cookie]));
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar.values()].join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/billing/invoices` }),
  });
  for (const cookie of cookiesOf(response)) jar.set(cookie.split("=")[0], cookie);
  const session = [...jar.keys()].find((name) => name?.includes("session-token"));
  if (!session) throw new Error(`Sign-in as ${email} failed (HTTP ${response.status}, no session cookie).`);
  return [...jar.values()].join("; ");
}

/** Full GET /billing/invoices response time (server render + transfer) for each mix. */
export async function runHttp(
  baseUrl: string,
  cookie: string,
  mixes: Mix[],
  options: MeasureOptions,
): Promise<HttpResult[]> {
  const results: HttpResult[] = [];
  for (const mix of mixes) {
    const url = `/billing/invoices${serializeInvoiceSetSearchParams(mix.params)}`;
    let status = 0;
    let bytes = 0;
    const get = async () => {
      const response = await fetch(`${baseUrl}${url}`, { headers: { cookie }, redirect: "manual" });
      const body = await response.text();
      status = response.status;
      bytes = body.length;
      if (response.status !== 200 || !body.includes("Invoice Management")) {
        throw new Error(`GET ${url} answered ${response.status} without the Invoice Management page.`);
      }
    };
    const timings = await measureInterleaved({ get }, options);
    results.push({ name: mix.name, url, status, bytes, timing: timings.get });
  }
  return results;
}
