import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { apiErrorSchema } from "./api-error";
import { idParams } from "./api-route";
import {
  apiInvoiceSchema,
  createInvoiceBodySchema,
  invoiceListSchema,
  listInvoicesQuerySchema,
  recordPaymentBodySchema,
  voidInvoiceBodySchema,
} from "./invoice-schemas";
import {
  API_INVOICE_SET_ACTIONS,
  apiInvoiceSetSchema,
  invoiceSetActionBodySchema,
  invoiceSetDetailSchema,
  invoiceSetListSchema,
  listInvoiceSetsQuerySchema,
} from "./invoice-set-schemas";
import {
  apiPatientSchema,
  createPatientBodySchema,
  listPatientsQuerySchema,
  patientListSchema,
  updatePatientBodySchema,
} from "./patient-schemas";

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const fhirJson = { content: { "application/fhir+json": { schema: z.record(z.string(), z.unknown()) } } };
const err = (description: string) => ({ description, ...json(apiErrorSchema) });

/** The error responses every operation can give; writes add 403 and the rest. */
function responses(ok: ZodOpenApiResponsesObject, extra: Record<string, string> = {}): ZodOpenApiResponsesObject {
  const errors: Record<string, string> = {
    "401": "No key, or an invalid or revoked key",
    "429": "Over the key's rate limit; see Retry-After",
    ...extra,
  };
  return { ...ok, ...Object.fromEntries(Object.entries(errors).map(([code, text]) => [code, err(text)])) };
}

const write = {
  "400": "Invalid body (fields names each problem)",
  "403": "Read-only key",
  "404": "Not found in your clinic",
  "409": "Refused by the state machine (message says why)",
};

function op(summary: string, tags: string[], rest: Partial<ZodOpenApiOperationObject>): ZodOpenApiOperationObject {
  return { summary, tags, responses: {}, ...rest };
}

const idempotencyHeader = z.object({
  "Idempotency-Key": z.string().max(255).optional().meta({ description: "Replays the first response for 24 hours" }),
});

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(serverUrl: string) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Clinic Billing API",
      version: "1.0.0",
      description:
        "For practice-management systems. Send `Authorization: Bearer <key>` (keys are made by admins at /settings/api-keys). Every call is scoped to the key's clinic and audited with the key's name. Money is integer cents.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths: {
      "/patients": {
        get: op("List patients by exact MRN or search", ["Patients"], {
          requestParams: { query: listPatientsQuerySchema },
          responses: responses(
            { "200": { description: "A page of patients", ...json(patientListSchema) } },
            { "400": "Bad query" },
          ),
        }),
        post: op("Create a patient", ["Patients"], {
          requestBody: json(createPatientBodySchema),
          responses: responses({ "201": { description: "Created", ...json(apiPatientSchema) } }, write),
        }),
      },
      "/patients/{id}": {
        get: op("Get a patient", ["Patients"], {
          requestParams: { path: idParams },
          responses: responses(
            { "200": { description: "The patient", ...json(apiPatientSchema) } },
            { "404": "Not found" },
          ),
        }),
        patch: op("Update a patient (only the fields sent)", ["Patients"], {
          requestParams: { path: idParams },
          requestBody: json(updatePatientBodySchema),
          responses: responses({ "200": { description: "Updated", ...json(apiPatientSchema) } }, write),
        }),
      },
      "/invoices": {
        get: op("List invoices, newest first", ["Invoices"], {
          requestParams: { query: listInvoicesQuerySchema },
          responses: responses({ "200": { description: "A page of invoices", ...json(invoiceListSchema) } }),
        }),
        post: op("Create a draft invoice with charges", ["Invoices"], {
          requestBody: json(createInvoiceBodySchema),
          responses: responses({ "201": { description: "The draft", ...json(apiInvoiceSchema) } }, write),
        }),
      },
      "/invoices/{id}": {
        get: op("Get an invoice with its charges", ["Invoices"], {
          requestParams: { path: idParams },
          responses: responses(
            { "200": { description: "The invoice", ...json(apiInvoiceSchema) } },
            { "404": "Not found" },
          ),
        }),
      },
      "/invoices/{id}/issue": {
        post: op("Issue a draft (opens or joins the patient's invoice set; outreach starts)", ["Invoices"], {
          requestParams: { path: idParams },
          responses: responses({ "200": { description: "Issued", ...json(apiInvoiceSchema) } }, write),
        }),
      },
      "/invoices/{id}/void": {
        post: op("Void an issued invoice", ["Invoices"], {
          requestParams: { path: idParams },
          requestBody: json(voidInvoiceBodySchema),
          responses: responses({ "200": { description: "Voided", ...json(apiInvoiceSchema) } }, write),
        }),
      },
      "/invoices/{id}/payments": {
        post: op("Record a payment on an invoice", ["Payments"], {
          requestParams: { path: idParams, header: idempotencyHeader },
          requestBody: json(recordPaymentBodySchema),
          responses: responses(
            {
              "201": {
                description: "Recorded (or replayed for the same Idempotency-Key)",
                ...json(z.object({ receiptId: z.uuid(), invoice: apiInvoiceSchema.omit({ charges: true }) })),
              },
            },
            write,
          ),
        }),
      },
      "/invoice-sets": {
        get: op("List invoice sets with Invoice Management's filters", ["Invoice sets"], {
          requestParams: { query: listInvoiceSetsQuerySchema },
          responses: responses(
            { "200": { description: "A page of sets", ...json(invoiceSetListSchema) } },
            { "400": "Bad query" },
          ),
        }),
      },
      "/invoice-sets/{id}": {
        get: op("Get an invoice set with its timeline", ["Invoice sets"], {
          requestParams: { path: idParams },
          responses: responses(
            { "200": { description: "The set", ...json(invoiceSetDetailSchema) } },
            { "404": "Not found" },
          ),
        }),
      },
      "/invoice-sets/{id}/{action}": {
        post: op(`Staff actions: ${Object.keys(API_INVOICE_SET_ACTIONS).join(", ")}`, ["Invoice sets"], {
          requestParams: {
            path: z.object({
              id: z.uuid(),
              action: z.enum(Object.keys(API_INVOICE_SET_ACTIONS) as [string, ...string[]]),
            }),
          },
          requestBody: json(invoiceSetActionBodySchema),
          responses: responses(
            {
              "200": {
                description: "Done",
                ...json(z.object({ message: z.string(), invoiceSet: apiInvoiceSetSchema })),
              },
            },
            write,
          ),
        }),
      },
      "/fhir/Patient/{id}": {
        get: op("A patient as a FHIR R4 Patient", ["FHIR R4"], {
          requestParams: { path: idParams },
          responses: responses({ "200": { description: "FHIR R4 Patient", ...fhirJson } }, { "404": "Not found" }),
        }),
      },
      "/fhir/Invoice/{id}": {
        get: op("An invoice as a FHIR R4 Invoice", ["FHIR R4"], {
          requestParams: { path: idParams },
          responses: responses({ "200": { description: "FHIR R4 Invoice", ...fhirJson } }, { "404": "Not found" }),
        }),
      },
    },
  });
}
