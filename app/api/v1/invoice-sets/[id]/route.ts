import { apiRoute, idParams } from "@/lib/api/api-route";
import { toApiInvoiceSet } from "@/lib/api/invoice-set-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { getInvoiceSetRow } from "@/lib/invoice-sets/get-invoice-set-row";
import { loadInvoiceSetTimeline } from "@/lib/invoice-sets/load-invoice-set-timeline";

/** One set with its Invoice Timeline (oldest first). */
export const GET = apiRoute({ params: idParams }, async ({ db, key, actor, params }) => {
  const row = await getInvoiceSetRow(db, key.clinicId, params.id);
  if (!row) throw new AppError("not_found", "No invoice set with this id in your clinic.");
  const { entries } = await loadInvoiceSetTimeline(db, key.clinicId, params.id, key.clinicTimeZone);
  await recordAudit(db, {
    clinicId: key.clinicId,
    actor,
    action: "invoice_set.view",
    entityType: "invoice_set",
    entityId: row.id,
  });
  return {
    json: {
      ...toApiInvoiceSet(row),
      timeline: entries.map(({ id, at, kind, summary, actor: who }) => ({ id, at, kind, summary, actor: who })),
    },
  };
});
