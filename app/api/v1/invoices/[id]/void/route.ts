import { apiRoute, idParams } from "@/lib/api/api-route";
import { loadApiInvoice, voidInvoiceBodySchema } from "@/lib/api/invoice-schemas";
import { publishEvents } from "@/lib/events/publish-events";
import { voidInvoice } from "@/lib/invoices/void-invoice";
import { invoiceSetStoppedEvents } from "@/lib/payments/payment-events";

export const POST = apiRoute(
  { write: true, params: idParams, body: voidInvoiceBodySchema },
  async ({ db, key, actor, params, body }) => {
    const result = await db.transaction((tx) =>
      voidInvoice(tx, { clinicId: key.clinicId, invoiceId: params.id, actor, reason: body.reason }),
    );
    await publishEvents(invoiceSetStoppedEvents(key.clinicId, result.invoiceSet ? [result.invoiceSet] : []));
    return { json: await loadApiInvoice(db, key.clinicId, params.id) };
  },
);
