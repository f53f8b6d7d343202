import { z } from "zod";
import type { InvoiceSetRow } from "@/lib/invoice-sets/list-invoice-sets";
import { INVOICE_SET_SORTS, PAGE_SIZES, SORT_DIRECTIONS } from "@/lib/invoice-sets/search-params";
import { INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";

/** The six staff actions as URL segments (/invoice-sets/{id}/write-off). */
export const API_INVOICE_SET_ACTIONS = {
  pause: "pause",
  resume: "resume",
  cancel: "cancel",
  "write-off": "write_off",
  "send-to-collections": "send_to_collections",
  "change-rule-set": "change_rule_set",
} as const;

export const invoiceSetActionParams = z.object({
  id: z.uuid(),
  action: z.enum(Object.keys(API_INVOICE_SET_ACTIONS) as [keyof typeof API_INVOICE_SET_ACTIONS]),
});

export const invoiceSetActionBodySchema = z
  .object({ ruleSetId: z.uuid().optional().meta({ description: "change-rule-set only" }) })
  .meta({ id: "InvoiceSetAction" });

const day = z.iso.date("Send a date as YYYY-MM-DD.").optional();

/** The Invoice Management page's filters, sort and paging, as query parameters. */
export const listInvoiceSetsQuerySchema = z.object({
  q: z.string().trim().max(100).default(""),
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",") : []))
    .pipe(z.array(z.enum(INVOICE_SET_STATUSES)))
    .meta({ description: "Comma-separated statuses, e.g. active,paused" }),
  amountMinCents: z.coerce.number().int().min(0).optional(),
  amountMaxCents: z.coerce.number().int().min(0).optional(),
  createdFrom: day,
  createdTo: day,
  sendFrom: day,
  sendTo: day,
  ruleSet: z.uuid().optional(),
  sort: z.enum(INVOICE_SET_SORTS).default("created"),
  dir: z.enum(SORT_DIRECTIONS).default("desc"),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/)
    .optional(),
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((size) => z.literal(size)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]))
    .default(25),
});

export function toInvoiceSetSearchParams(query: z.output<typeof listInvoiceSetsQuerySchema>) {
  return {
    q: query.q,
    status: query.status,
    amountMin: query.amountMinCents ?? null,
    amountMax: query.amountMaxCents ?? null,
    createdFrom: query.createdFrom ?? null,
    createdTo: query.createdTo ?? null,
    sendFrom: query.sendFrom ?? null,
    sendTo: query.sendTo ?? null,
    ruleSet: query.ruleSet ?? null,
    sort: query.sort,
    dir: query.dir,
    cursor: query.cursor ?? null,
    size: query.size,
  };
}

export const apiInvoiceSetSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(INVOICE_SET_STATUSES),
    statusReason: z.string().nullable(),
    amountOutstandingCents: z.number().int(),
    createdAt: z.iso.datetime(),
    nextSendAt: z.iso.datetime().nullable(),
    ruleSet: z.object({ id: z.uuid(), title: z.string() }),
    patient: z.object({ id: z.uuid(), mrn: z.string(), firstName: z.string(), lastName: z.string() }),
  })
  .meta({ id: "InvoiceSet" });

export const invoiceSetListSchema = z
  .object({
    data: z.array(apiInvoiceSetSchema),
    total: z.number().int(),
    totalIsCapped: z.boolean(),
    nextCursor: z.string().nullable(),
    prevCursor: z.string().nullable(),
  })
  .meta({ id: "InvoiceSetList" });

export const invoiceSetDetailSchema = apiInvoiceSetSchema
  .extend({
    timeline: z.array(
      z.object({ id: z.uuid(), at: z.iso.datetime(), kind: z.string(), summary: z.string(), actor: z.string() }),
    ),
  })
  .meta({ id: "InvoiceSetDetail" });

export function toApiInvoiceSet(row: InvoiceSetRow): z.infer<typeof apiInvoiceSetSchema> {
  return {
    id: row.id,
    status: row.status,
    statusReason: row.statusReason,
    amountOutstandingCents: row.amountOutstandingCents,
    createdAt: row.createdAt.toISOString(),
    nextSendAt: row.nextSendAt?.toISOString() ?? null,
    ruleSet: { id: row.ruleSetId, title: row.ruleSetTitle },
    patient: {
      id: row.patient.id,
      mrn: row.patient.externalId,
      firstName: row.patient.firstName,
      lastName: row.patient.lastName,
    },
  };
}
