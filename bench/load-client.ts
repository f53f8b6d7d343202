import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { StaffLoadResult } from "./run-staff-load";
import type { WebhookResult } from "./run-webhooks";

/**
 * The HTTP load parts (staff under load, webhook bursts) each run in a fresh process: by
 * then the bench's own process holds a large heap from the parts before (the CSV of every
 * set, outreach), and its collector's pauses (up to ~550 ms seen) landed in the measured
 * latencies of every route at once. The child opens its own connection to DATABASE_URL.
 */
export const LoadPart = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("staff"),
    baseUrl: z.url(),
    slug: z.string(),
    staff: z.object({ staff: z.number(), seconds: z.number(), thinkMs: z.number(), overviewEvery: z.number() }),
  }),
  z.object({ kind: z.literal("webhooks"), baseUrl: z.url(), rate: z.number(), connections: z.number() }),
]);
export type LoadPart = z.infer<typeof LoadPart>;

export function runLoadInFreshProcess(part: Extract<LoadPart, { kind: "staff" }>): Promise<StaffLoadResult>;
export function runLoadInFreshProcess(part: Extract<LoadPart, { kind: "webhooks" }>): Promise<WebhookResult>;
export function runLoadInFreshProcess(part: LoadPart): Promise<StaffLoadResult | WebhookResult> {
  const out = path.join(os.tmpdir(), `bench-load-${randomUUID()}.json`);
  // The same runtime as this process (tsx's loader, the react-server condition).
  const entry = fileURLToPath(new URL("./load-client-cli.ts", import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, entry, JSON.stringify(part), out], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      try {
        if (code !== 0)
          throw new Error(`The ${part.kind} load process exited with code ${code}; see the output above.`);
        resolve(JSON.parse(readFileSync(out, "utf8")));
      } catch (error) {
        reject(error);
      } finally {
        rmSync(out, { force: true });
      }
    });
  });
}
