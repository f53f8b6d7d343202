import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDatabase } from "@/db/connect";

/**
 * A fresh database per run: with DATABASE_URL, a new database on that server (dropped
 * afterwards); without it, a new PGlite folder. Migrations are applied once here.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  let testUrl: string | undefined;
  let pgliteDir: string | undefined;
  let cleanup: () => Promise<void>;

  if (serverUrl) {
    const name = `billing_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    testUrl = url.toString();
    cleanup = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    pgliteDir = mkdtempSync(path.join(os.tmpdir(), "billing-test-pglite-"));
    cleanup = async () => rmSync(pgliteDir ?? "", { recursive: true, force: true });
  }

  const database = await createDatabase({ url: testUrl, pgliteDir });
  await database.migrate();
  await database.close();

  project.provide("testDatabase", { url: testUrl ?? null, pgliteDir: pgliteDir ?? null });
  return cleanup;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { url: string | null; pgliteDir: string | null };
  }
}
