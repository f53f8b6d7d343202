import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

/**
 * npm start (scripts/start.mjs) as an operator meets it. A build folder that doesn't exist
 * makes every server process fail the way a broken deploy does, without building the app.
 */
function start(env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, ["scripts/start.mjs", "-p", "3299"], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", NEXT_DIST_DIR: ".next-missing", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  return { code: result.status, output, failures: output.split("Could not find a production build").length - 1 };
}

describe("npm start's server processes", () => {
  test("processes that die as they start stop the server with their error and a failing exit code", () => {
    const { code, output, failures } = start({ DATABASE_URL: "postgres://127.0.0.1:1/none", WEB_CONCURRENCY: "2" });
    expect(output).toContain("Started 2 server processes");
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(output).toContain("The server processes exit as they start; stopping.");
    expect(code).toBe(1);
  });

  test("without DATABASE_URL there is one process: the embedded database belongs to it", () => {
    const { code, output, failures } = start({ WEB_CONCURRENCY: "3" });
    expect(output).toContain("WEB_CONCURRENCY is ignored without DATABASE_URL");
    expect(output).not.toContain("server processes");
    expect(failures).toBe(1);
    expect(code).not.toBe(0);
  });

  test("a WEB_CONCURRENCY that is not a count is refused with what to set", () => {
    const { code, output, failures } = start({ DATABASE_URL: "postgres://127.0.0.1:1/none", WEB_CONCURRENCY: "abc" });
    expect(output).toContain('WEB_CONCURRENCY must be a whole number from 1 to 64 (got "abc").');
    expect(failures).toBe(0);
    expect(code).toBe(1);
  });
});
