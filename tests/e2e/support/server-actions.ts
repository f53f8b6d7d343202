import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

interface ManifestEntry {
  exportedName?: string;
  filename?: string;
}

/**
 * The id Next.js gave a server action in the e2e build, found by its exported name and
 * the file that defines it. Lets a test call the action the way a hand-made request
 * would, bypassing the UI, to prove the server refuses it on its own.
 */
export function serverActionId(exportedName: string, filenameEnding: string): string {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";
  const manifestPath = path.join(process.cwd(), distDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, ManifestEntry> };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportedName && entry.filename?.endsWith(filenameEnding)) return id;
  }
  throw new Error(`No server action ${exportedName} in ${filenameEnding} (looked in ${manifestPath})`);
}

/** Posts to a server action with the page's cookies, as the browser's own call would. */
export async function callServerAction(page: Page, pagePath: string, actionId: string, args: unknown[]) {
  const response = await page.request.post(pagePath, {
    headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify(args),
  });
  return { status: response.status(), body: await response.text() };
}
