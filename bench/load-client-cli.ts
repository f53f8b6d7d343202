import { writeFileSync } from "node:fs";
import { createDatabase } from "@/db/connect";
import { runScript } from "@/db/run-script";
import { LoadPart } from "./load-client";
import { buildMixes } from "./mixes";
import { loadClinic } from "./run-bench";
import { runStaffLoad } from "./run-staff-load";
import { runWebhookBursts } from "./run-webhooks";

/** One HTTP load part in a process of its own (bench/load-client.ts starts it): part JSON in, result JSON to a file. */
async function main() {
  const [rawPart, out] = process.argv.slice(2);
  if (!rawPart || !out) throw new Error("Usage: load-client-cli.ts PART_JSON OUT_FILE (the bench starts it).");
  const part = LoadPart.parse(JSON.parse(rawPart));
  const database = await createDatabase();
  const log = (line: string) => console.log(line);
  try {
    const result =
      part.kind === "staff"
        ? await loadStaff(database.db, part)
        : await runWebhookBursts(database.db, part.baseUrl, { ...part, log });
    writeFileSync(out, JSON.stringify(result));
  } finally {
    await database.close();
  }

  async function loadStaff(db: Parameters<typeof loadClinic>[0], staffPart: Extract<LoadPart, { kind: "staff" }>) {
    const clinic = await loadClinic(db, staffPart.slug);
    const options = { ...staffPart.staff, slug: staffPart.slug, log };
    return runStaffLoad(db, staffPart.baseUrl, clinic, buildMixes(clinic), options);
  }
}

runScript("Bench load", main);
