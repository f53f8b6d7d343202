import { apiRoute } from "@/lib/api/api-route";
import { listInvoiceSetsQuerySchema, toApiInvoiceSet, toInvoiceSetSearchParams } from "@/lib/api/invoice-set-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { clinicScopeOf } from "@/lib/clinics/clinic-scope";
import { listInvoiceSets } from "@/lib/invoice-sets/list-invoice-sets";

/** Invoice Management's list: the same filters, sort and keyset paging as the page. */
export const GET = apiRoute({ query: listInvoiceSetsQuerySchema }, async ({ db, key, actor, query }) => {
  const page = await listInvoiceSets(db, clinicScopeOf(key), toInvoiceSetSearchParams(query));
  await recordAudit(db, {
    clinicId: key.clinicId,
    actor,
    action: "invoice_set.list",
    entityType: "invoice_set",
    entityId: null,
    after: { count: page.rows.length },
  });
  return {
    json: {
      data: page.rows.map(toApiInvoiceSet),
      total: page.total,
      totalIsCapped: page.totalIsCapped,
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
    },
  };
});
