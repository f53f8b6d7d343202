import { apiRoute, idParams } from "@/lib/api/api-route";
import { loadApiInvoice } from "@/lib/api/invoice-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

export const GET = apiRoute({ params: idParams }, async ({ db, key, actor, params }) => {
  const invoice = await loadApiInvoice(db, key.clinicId, params.id);
  if (!invoice) throw new AppError("not_found", "No invoice with this id in your clinic.");
  await recordAudit(db, {
    clinicId: key.clinicId,
    actor,
    action: "invoice.view",
    entityType: "invoice",
    entityId: invoice.id,
    after: { patientId: invoice.patientId },
  });
  return { json: invoice };
});
