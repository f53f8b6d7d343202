import { apiRoute, idParams } from "@/lib/api/api-route";
import { idempotencyKeyOf, runIdempotent } from "@/lib/api/idempotency";
import { recordPaymentBodySchema, toApiInvoiceSummary } from "@/lib/api/invoice-schemas";
import { publishEvents } from "@/lib/events/publish-events";
import { paymentEvents } from "@/lib/payments/payment-events";
import { recordInvoicePayment } from "@/lib/payments/record-payment";

/** Records a payment on one invoice; `Idempotency-Key` makes a retried request pay once. */
export const POST = apiRoute(
  { write: true, params: idParams, body: recordPaymentBodySchema },
  async ({ db, key, actor, params, body, request }) => {
    const idempotencyKey = idempotencyKeyOf(request);
    const outcome = await db.transaction((tx) =>
      runIdempotent(
        tx,
        {
          apiKeyId: key.apiKeyId,
          key: idempotencyKey,
          request: { method: "POST", path: `/invoices/${params.id}/payments`, body },
        },
        async () => {
          const result = await recordInvoicePayment(tx, {
            clinicId: key.clinicId,
            invoiceId: params.id,
            amountCents: body.amountCents,
            method: body.method,
            reference: body.reference ?? null,
            receivedAt: body.receivedAt ? new Date(body.receivedAt) : new Date(),
            actor,
          });
          const json = { receiptId: result.receiptId, invoice: toApiInvoiceSummary(result.invoice) };
          return { status: 201, json, value: result };
        },
      ),
    );
    if (!outcome.replayed) {
      const result = outcome.value;
      await publishEvents(
        paymentEvents({
          clinicId: key.clinicId,
          patientId: result.patientId,
          receiptId: result.receiptId,
          amountCents: body.amountCents,
          invoiceSets: result.invoiceSet ? [result.invoiceSet] : [],
        }),
      );
    }
    return Response.json(outcome.json, {
      status: outcome.status,
      headers: { "Cache-Control": "no-store", ...(outcome.replayed ? { "Idempotent-Replayed": "true" } : {}) },
    });
  },
);
