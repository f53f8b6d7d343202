import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { run } from "@/db/generate/raw-sql";
import { BULK_CHUNK_SIZE, bulkTransitionInvoiceSets } from "@/lib/state-machine/bulk-transition-invoice-sets";
import { invoiceSetStatusesAllowing } from "@/lib/state-machine/invoice-set";
import { rolledBack } from "./rolled-back";
import { type MeasureOptions, measureInterleaved, round, type Timing } from "./stats";

export interface BulkResult {
  action: "pause";
  sets: number;
  /** Rows the helper changed in one run (before the rollback). */
  changed: number;
  /** bulkTransitionInvoiceSets in chunks of BULK_CHUNK_SIZE, one transaction, rolled back. */
  helper: Timing;
  /** One bare UPDATE … WHERE id = ANY(…) of the same rows, rolled back. */
  bareUpdate: Timing;
  ratio: number;
}

/** Bulk Pause of `size` Active sets through the set-based helper vs a bare UPDATE, both rolled back. */
export async function runBulkPause(
  db: Db,
  clinicId: string,
  adminUserId: string,
  size: number,
  options: MeasureOptions,
): Promise<BulkResult> {
  const rows = await executeRows<{ id: string }>(
    db,
    `SELECT id FROM invoice_sets WHERE clinic_id = '${clinicId}' AND status = 'active' ORDER BY id LIMIT ${size}`,
  );
  const ids = rows.map((row) => row.id);
  const from = invoiceSetStatusesAllowing("pause")
    .map((status) => `'${status}'`)
    .join(",");
  const idList = ids.map((id) => `'${id}'`).join(",");

  const helper = () =>
    rolledBack(db, async (tx) => {
      let changed = 0;
      for (let i = 0; i < ids.length; i += BULK_CHUNK_SIZE) {
        const result = await bulkTransitionInvoiceSets(tx, {
          clinicId,
          ids: ids.slice(i, i + BULK_CHUNK_SIZE),
          action: "pause",
          actor: { kind: "user", userId: adminUserId },
        });
        changed += result.changed.length;
      }
      return changed;
    });
  const bareUpdate = () =>
    rolledBack(db, (tx) =>
      run(
        tx,
        `UPDATE invoice_sets SET status = 'paused', status_reason = NULL, updated_at = now()
        WHERE clinic_id = '${clinicId}' AND id = ANY(ARRAY[${idList || "NULL"}]::uuid[]) AND status IN (${from})`,
      ),
    );

  const changed = ids.length > 0 ? await helper() : 0;
  const timings = await measureInterleaved({ helper, bareUpdate }, options);
  // The rolled-back updates left dead row versions and cleared visibility-map bits; without
  // this the next run's index-only counts would visit the heap.
  await run(db, "VACUUM invoice_sets");
  return {
    action: "pause",
    sets: ids.length,
    changed,
    helper: timings.helper,
    bareUpdate: timings.bareUpdate,
    ratio: round(timings.helper.p95 / Math.max(timings.bareUpdate.p95, 0.01)),
  };
}
