import { apiRoute } from "@/lib/api/api-route";
import {
  API_INVOICE_SET_ACTIONS,
  invoiceSetActionBodySchema,
  invoiceSetActionParams,
  toApiInvoiceSet,
} from "@/lib/api/invoice-set-schemas";
import { applyInvoiceSetAction } from "@/lib/invoice-sets/apply-invoice-set-action";
import { getInvoiceSetRow } from "@/lib/invoice-sets/get-invoice-set-row";

/** The six staff actions, through the same use case and state machine as the page (409 with its reason). */
export const POST = apiRoute(
  { write: true, params: invoiceSetActionParams, body: invoiceSetActionBodySchema },
  async ({ db, key, actor, params, body }) => {
    const { message } = await applyInvoiceSetAction(
      db,
      { clinicId: key.clinicId, actor },
      { invoiceSetId: params.id, action: API_INVOICE_SET_ACTIONS[params.action], ruleSetId: body.ruleSetId },
    );
    const row = await getInvoiceSetRow(db, key.clinicId, params.id);
    return { json: { message, invoiceSet: row ? toApiInvoiceSet(row) : null } };
  },
);
