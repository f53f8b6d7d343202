import { invoiceSetActivated } from "@/inngest/events";
import { apiRoute, idParams } from "@/lib/api/api-route";
import { loadApiInvoice } from "@/lib/api/invoice-schemas";
import { publishEvents } from "@/lib/events/publish-events";
import { issueInvoice } from "@/lib/invoices/issue-invoice";

/** Draft → Issued through the state machine; a new set starts outreach after commit. */
export const POST = apiRoute({ write: true, params: idParams }, async ({ db, key, actor, params }) => {
  const result = await db.transaction((tx) =>
    issueInvoice(tx, { clinicId: key.clinicId, invoiceId: params.id, actor }),
  );
  if (result.openedInvoiceSet) {
    await publishEvents(
      invoiceSetActivated.create({ clinicId: key.clinicId, invoiceSetId: result.invoiceSet.invoiceSetId }),
    );
  }
  return { json: await loadApiInvoice(db, key.clinicId, params.id) };
});
