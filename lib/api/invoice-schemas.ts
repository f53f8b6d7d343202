import { and, asc, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { type Invoice, invoiceCharges, invoices } from "@/db/schema";
import { chargeInputSchema, type DraftInput, MAX_INVOICE_TOTAL_CENTS } from "@/lib/invoices/draft-input";
import { paymentMethodSchema } from "@/lib/payments/payment-input";
import { INVOICE_STATUSES } from "@/lib/state-machine/statuses";

const chargeSchema = z.object({
  code: chargeInputSchema.shape.code,
  description: chargeInputSchema.shape.description,
  quantity: z.number().int("Send a whole number.").min(1, "At least 1.").max(100, "At most 100."),
  unitPriceCents: z.number().int("Send whole cents.").min(0).max(10_000_000, "At most 10000000 cents per unit."),
});

const optionalDate = z.iso.date("Send a date as YYYY-MM-DD.").nullish();

export const createInvoiceBodySchema = z
  .object({
    patientId: z.uuid(),
    clinicianId: z.uuid().nullish(),
    serviceDate: optionalDate,
    dueDate: optionalDate,
    notes: z.string().trim().max(2000).nullish(),
    charges: z.array(chargeSchema).min(1, "Send at least one charge.").max(50, "At most 50 charges per invoice."),
  })
  .superRefine((body, ctx) => {
    const total = body.charges.reduce((sum, charge) => sum + charge.quantity * charge.unitPriceCents, 0);
    if (total > MAX_INVOICE_TOTAL_CENTS)
      ctx.addIssue({ code: "custom", path: ["charges"], message: "The total is too large." });
    if (body.serviceDate && body.dueDate && body.dueDate < body.serviceDate) {
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: "The due date can't be before the service date." });
    }
  })
  .meta({ id: "InvoiceCreate" });

export function toDraftInput(body: z.output<typeof createInvoiceBodySchema>): DraftInput {
  return {
    patientId: body.patientId,
    clinicianId: body.clinicianId ?? null,
    serviceDate: body.serviceDate ?? null,
    dueDate: body.dueDate ?? null,
    notes: body.notes || null,
    charges: body.charges.map((charge) => ({
      code: charge.code,
      description: charge.description,
      quantity: charge.quantity,
      unitPrice: charge.unitPriceCents,
    })),
  };
}

export const voidInvoiceBodySchema = z
  .object({ reason: z.string().trim().min(1, "Send a reason.").max(500) })
  .meta({ id: "InvoiceVoid" });

export const recordPaymentBodySchema = z
  .object({
    amountCents: z.number().int("Send whole cents.").min(1, "Send an amount above 0."),
    method: paymentMethodSchema,
    reference: z.string().trim().max(100).nullish(),
    receivedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .refine((value) => !value || new Date(value) <= new Date(), "A payment can't be received in the future.")
      .meta({ description: "Defaults to now" }),
  })
  .meta({ id: "PaymentCreate" });

export const listInvoicesQuerySchema = z.object({
  patientId: z.uuid().optional(),
  beforeNumber: z.coerce.number().int().min(1).optional().meta({ description: "The last number of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const apiInvoiceSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    status: z.enum(INVOICE_STATUSES),
    pastDue: z.boolean(),
    badDebt: z.boolean(),
    sentToCollections: z.boolean(),
    patientId: z.uuid().nullable(),
    invoiceSetId: z.uuid().nullable(),
    serviceDate: z.iso.date().nullable(),
    dueDate: z.iso.date().nullable(),
    issuedAt: z.iso.datetime().nullable(),
    totalCents: z.number().int(),
    paidCents: z.number().int(),
    balanceCents: z.number().int(),
    voidReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    charges: z.array(chargeSchema.extend({ amountCents: z.number().int() })),
  })
  .meta({ id: "Invoice" });

export type ApiInvoice = z.infer<typeof apiInvoiceSchema>;

export const invoiceListSchema = z
  .object({ data: z.array(apiInvoiceSchema.omit({ charges: true })), nextBeforeNumber: z.number().int().nullable() })
  .meta({ id: "InvoiceList" });

export function toApiInvoiceSummary(invoice: Invoice): Omit<ApiInvoice, "charges"> {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    pastDue: invoice.pastDue,
    badDebt: invoice.badDebt,
    sentToCollections: invoice.sentToCollections,
    patientId: invoice.patientId,
    invoiceSetId: invoice.invoiceSetId,
    serviceDate: invoice.serviceDate,
    dueDate: invoice.dueDate,
    issuedAt: invoice.issuedAt?.toISOString() ?? null,
    totalCents: invoice.totalCents,
    paidCents: invoice.paidCents,
    balanceCents: invoice.totalCents - invoice.paidCents,
    voidReason: invoice.voidReason,
    createdAt: invoice.createdAt.toISOString(),
  };
}

/** One invoice of this clinic with its charges, or null (another clinic's id finds nothing). */
export async function loadApiInvoice(db: Executor, clinicId: string, invoiceId: string): Promise<ApiInvoice | null> {
  const [invoice] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.clinicId, clinicId)));
  if (!invoice) return null;
  const charges = await db
    .select()
    .from(invoiceCharges)
    .where(and(eq(invoiceCharges.invoiceId, invoiceId), eq(invoiceCharges.clinicId, clinicId)))
    .orderBy(asc(invoiceCharges.position));
  return {
    ...toApiInvoiceSummary(invoice),
    charges: charges.map((charge) => ({
      code: charge.code,
      description: charge.description,
      quantity: charge.quantity,
      unitPriceCents: charge.unitPriceCents,
      amountCents: charge.quantity * charge.unitPriceCents,
    })),
  };
}

/** A page of the clinic's invoices, newest number first (keyset on the per-clinic number). */
export async function listApiInvoices(db: Executor, clinicId: string, query: z.output<typeof listInvoicesQuerySchema>) {
  const rows = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.clinicId, clinicId),
        query.patientId ? eq(invoices.patientId, query.patientId) : undefined,
        query.beforeNumber ? lt(invoices.number, query.beforeNumber) : undefined,
      ),
    )
    .orderBy(desc(invoices.number))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(toApiInvoiceSummary),
    nextBeforeNumber: rows.length > query.limit && last ? last.number : null,
  };
}
