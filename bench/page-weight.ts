import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface PageWeight {
  page: string;
  files: number;
  /** The framework runtime every page loads (build-manifest rootMainFiles). */
  runtimeGzipBytes: number;
  /** The page's own chunks and those of its layouts (client reference manifest entries). */
  pageGzipBytes: number;
  totalGzipBytes: number;
}

/** The gzipped JS a browser loads for an app route of the build in `distDir` (e.g. "(staff)/billing/invoices"). */
export function measurePageWeight(distDir: string, route: string): PageWeight | null {
  const manifestPath = path.resolve(distDir, "server/app", route, "page_client-reference-manifest.js");
  if (!existsSync(manifestPath)) return null;
  const holder = globalThis as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
  holder.__RSC_MANIFEST = {};
  createRequire(import.meta.url)(manifestPath);
  const entry = Object.values(holder.__RSC_MANIFEST)[0];
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles?: string[];
  };
  const runtime = new Set(build.rootMainFiles ?? []);
  const page = new Set(
    Object.values(entry?.entryJSFiles ?? {})
      .flat()
      .filter((file) => !runtime.has(file)),
  );
  const gzip = (files: Set<string>) =>
    [...files].reduce((sum, file) => sum + gzipSync(readFileSync(path.join(distDir, file))).length, 0);
  const runtimeGzipBytes = gzip(runtime);
  const pageGzipBytes = gzip(page);
  return {
    page: route,
    files: runtime.size + page.size,
    runtimeGzipBytes,
    pageGzipBytes,
    totalGzipBytes: runtimeGzipBytes + pageGzipBytes,
  };
}
