import { randomUUID } from "node:crypto";
import type { Db } from "@/db/connect";
import { run } from "@/db/generate/raw-sql";
import { removeClinic } from "@/db/generate/remove-clinic";
import { SYSTEM } from "@/lib/actor";
import { csvLines, csvResponse } from "@/lib/csv/csv-stream";
import { exportInvoiceSets, INVOICE_SET_EXPORT_HEADER } from "@/lib/exports/export-invoice-sets";
import { createImport } from "@/lib/imports/create-import";
import { runImportBatch } from "@/lib/imports/run-import-batch";
import { DEFAULT_INVOICE_SET_SEARCH_PARAMS } from "@/lib/invoice-sets/search-params";

export interface DataResult {
  import: { rows: number; previewMs: number; importMs: number; rowsPerSecond: number };
  export: {
    rows: number;
    bytes: number;
    ms: number;
    rowsPerSecond: number;
    peakHeapGrowthMb: number;
    rssBeforeMb: number;
    peakRssMb: number;
  };
}

/** A practice-system export: 5 charges per patient, every column the import knows. */
function importFile(rows: number): string {
  const lines: string[][] = [
    [
      "mrn",
      "first_name",
      "last_name",
      "date_of_birth",
      "phone",
      "email",
      "service_date",
      "description",
      "code",
      "quantity",
      "amount",
    ],
  ];
  for (let i = 0; i < rows; i += 1) {
    const p = Math.floor(i / 5);
    lines.push([
      `B-${p}`,
      `First${p}`,
      `Last${p}`,
      "1975-05-06",
      `+1312555${String(p % 10000).padStart(4, "0")}`,
      `b${p}@example.com`,
      "2026-10-01",
      `Visit ${i}`,
      "D1110",
      "1",
      "95.00",
    ]);
  }
  return csvLines(lines);
}

/**
 * Import throughput (upload + preview, then every batch) into a scratch clinic that is
 * deleted afterwards, and the time to stream the whole Invoice Management list of the
 * bench clinic as CSV (no filter: every set), with how much the heap grew meanwhile.
 */
export async function runDataBench(db: Db, clinicId: string, importRows: number): Promise<DataResult> {
  const scratch = randomUUID();
  await run(
    db,
    `INSERT INTO clinics (id, slug, name) VALUES ('${scratch}', 'bench-import-${scratch.slice(0, 8)}', 'Import bench')`,
  );
  try {
    const file = importFile(importRows);
    const started = performance.now();
    const { importId } = await db.transaction((tx) =>
      createImport(tx, { clinicId: scratch, actor: SYSTEM, fileName: "bench.csv", fileText: file }),
    );
    const previewed = performance.now();
    for (;;) {
      const progress = await runImportBatch(db, { clinicId: scratch, actor: SYSTEM, importId, issueInvoices: false });
      if (progress.done) break;
    }
    const imported = performance.now();
    const importResult = {
      rows: importRows,
      previewMs: Math.round(previewed - started),
      importMs: Math.round(imported - previewed),
      rowsPerSecond: Math.round(importRows / ((imported - started) / 1000)),
    };

    const exportStarted = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const next = await exportInvoiceSets(db, {
      clinicId,
      actor: SYSTEM,
      timeZone: "UTC",
      search: DEFAULT_INVOICE_SET_SEARCH_PARAMS,
    });
    const body = csvResponse("bench.csv", INVOICE_SET_EXPORT_HEADER, next).body;
    let bytes = 0;
    let newlines = 0;
    const reader = body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      bytes += chunk.value.byteLength;
      for (const byte of chunk.value) if (byte === 10) newlines += 1;
      const memory = process.memoryUsage();
      peak = Math.max(peak, memory.heapUsed);
      peakRss = Math.max(peakRss, memory.rss);
    }
    const ms = performance.now() - exportStarted;
    return {
      import: importResult,
      export: {
        rows: newlines - 1,
        bytes,
        ms: Math.round(ms),
        rowsPerSecond: Math.round((newlines - 1) / (ms / 1000)),
        peakHeapGrowthMb: Math.round(((peak - heapBefore) / 1024 / 1024) * 10) / 10,
        rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      },
    };
  } finally {
    await removeClinic(db, scratch);
  }
}
