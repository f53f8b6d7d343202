import { apiRoute, idParams } from "@/lib/api/api-route";
import { loadApiInvoice } from "@/lib/api/invoice-schemas";
import { AppError } from "@/lib/errors";

export const GET = apiRoute({ params: idParams }, async ({ db, key, params }) => {
  const invoice = await loadApiInvoice(db, key.clinicId, params.id);
  if (!invoice) throw new AppError("not_found", "No invoice with this id in your clinic.");
  return { json: invoice };
});
