import { apiRoute } from "@/lib/api/api-route";
import {
  createInvoiceBodySchema,
  listApiInvoices,
  listInvoicesQuerySchema,
  loadApiInvoice,
  toDraftInput,
} from "@/lib/api/invoice-schemas";
import { createDraftInvoice } from "@/lib/invoices/create-draft-invoice";

export const GET = apiRoute({ query: listInvoicesQuerySchema }, async ({ db, key, query }) => ({
  json: await listApiInvoices(db, key.clinicId, query),
}));

/** A draft with its charges (issue it with POST /invoices/{id}/issue). */
export const POST = apiRoute({ write: true, body: createInvoiceBodySchema }, async ({ db, key, actor, body }) => {
  const invoice = await db.transaction((tx) =>
    createDraftInvoice(tx, { clinicId: key.clinicId, actor, draft: toDraftInput(body) }),
  );
  return { status: 201, json: await loadApiInvoice(db, key.clinicId, invoice.id) };
});
