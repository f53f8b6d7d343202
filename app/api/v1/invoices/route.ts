import { apiRoute } from "@/lib/api/api-route";
import {
  createInvoiceBodySchema,
  listApiInvoices,
  listInvoicesQuerySchema,
  loadApiInvoice,
  toDraftInput,
} from "@/lib/api/invoice-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { createDraftInvoice } from "@/lib/invoices/create-draft-invoice";

/** A page of invoices (for one patient, or all); the read is audited. */
export const GET = apiRoute({ query: listInvoicesQuerySchema }, async ({ db, key, actor, query }) => {
  const page = await listApiInvoices(db, key.clinicId, query);
  await recordAudit(db, {
    clinicId: key.clinicId,
    actor,
    action: "invoice.list",
    entityType: "invoice",
    entityId: null,
    after: { patientId: query.patientId ?? null, count: page.data.length },
  });
  return { json: page };
});

/** A draft with its charges (issue it with POST /invoices/{id}/issue). */
export const POST = apiRoute({ write: true, body: createInvoiceBodySchema }, async ({ db, key, actor, body }) => {
  const invoice = await db.transaction((tx) =>
    createDraftInvoice(tx, { clinicId: key.clinicId, actor, draft: toDraftInput(body) }),
  );
  return { status: 201, json: await loadApiInvoice(db, key.clinicId, invoice.id) };
});
