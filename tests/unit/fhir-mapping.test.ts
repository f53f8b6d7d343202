import type { Invoice as FhirInvoice, Patient as FhirPatient } from "fhir/r4";
import { describe, expect, test } from "vitest";
import type { Patient } from "@/db/schema";
import type { ApiInvoice } from "@/lib/api/invoice-schemas";
import { FHIR_INVOICE_STATUS, toFhirInvoice } from "@/lib/fhir/to-fhir-invoice";
import { toFhirPatient } from "@/lib/fhir/to-fhir-patient";
import { INVOICE_STATUSES } from "@/lib/state-machine/statuses";

/**
 * Output is typed with @types/fhir's R4 definitions (compile-time: every field name and
 * value set), and these runtime checks cover the R4 rules the types cannot: id and date
 * formats, value sets, Money as a decimal with an ISO 4217 code.
 */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FHIR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FHIR_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const R4_INVOICE_STATUS = ["draft", "issued", "balanced", "cancelled", "entered-in-error"];
const R4_PRICE_COMPONENT_TYPE = ["base", "surcharge", "deduction", "discount", "tax", "informational"];

function assertR4Invoice(resource: FhirInvoice, currency: string) {
  expect(resource.resourceType).toBe("Invoice");
  expect(resource.id).toMatch(FHIR_ID);
  expect(R4_INVOICE_STATUS).toContain(resource.status);
  if (resource.date) expect(resource.date).toMatch(FHIR_DATETIME);
  if (resource.subject) expect(resource.subject.reference).toMatch(/^Patient\/[A-Za-z0-9\-.]{1,64}$/);
  for (const [index, item] of (resource.lineItem ?? []).entries()) {
    expect(item.sequence).toBe(index + 1);
    expect(item.chargeItemCodeableConcept?.coding?.[0]?.code).toBeTruthy();
    for (const price of item.priceComponent ?? []) {
      expect(R4_PRICE_COMPONENT_TYPE).toContain(price.type);
      expect(price.amount?.currency).toBe(currency);
      expect(Number.isFinite(price.amount?.value)).toBe(true);
    }
  }
  for (const total of [resource.totalNet, resource.totalGross]) expect(total?.currency).toBe(currency);
}

const invoice = (overrides: Partial<ApiInvoice>): ApiInvoice => ({
  id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  number: 1042,
  status: "issued",
  pastDue: false,
  badDebt: false,
  sentToCollections: false,
  patientId: "16fd2706-8baf-433b-82eb-8c7fada847da",
  invoiceSetId: null,
  serviceDate: "2026-10-01",
  dueDate: "2026-11-01",
  issuedAt: "2026-10-02T15:00:00.000Z",
  totalCents: 25050,
  paidCents: 0,
  balanceCents: 25050,
  voidReason: null,
  createdAt: "2026-10-01T12:00:00.000Z",
  charges: [
    {
      code: "D0150",
      description: "Comprehensive oral evaluation",
      quantity: 1,
      unitPriceCents: 9500,
      amountCents: 9500,
    },
    { code: "D1110", description: "Prophylaxis", quantity: 2, unitPriceCents: 7775, amountCents: 15550 },
  ],
  ...overrides,
});

describe("FHIR R4 Invoice", () => {
  test.each([
    ["draft", "draft"],
    ["issued", "issued"],
    ["partially_paid", "issued"],
    ["paid", "balanced"],
    ["voided", "cancelled"],
  ] as const)("%s → %s, a valid R4 Invoice", (status, fhirStatus) => {
    const resource = toFhirInvoice(
      invoice({ status, voidReason: status === "voided" ? "Entered for the wrong patient" : null }),
      "USD",
    );
    expect(resource.status).toBe(fhirStatus);
    assertR4Invoice(resource, "USD");
    if (status === "voided") expect(resource.cancelledReason).toBe("Entered for the wrong patient");
    else expect(resource.cancelledReason).toBeUndefined();
  });

  test("every status of our lifecycle has a mapping", () => {
    expect(Object.keys(FHIR_INVOICE_STATUS).sort()).toEqual([...INVOICE_STATUSES].sort());
  });

  test("line items carry priceComponent in the clinic's currency; totals as decimals", () => {
    const resource = toFhirInvoice(invoice({}), "CAD");
    assertR4Invoice(resource, "CAD");
    expect(resource.lineItem?.[1]).toEqual({
      sequence: 2,
      chargeItemCodeableConcept: { coding: [{ code: "D1110", display: "Prophylaxis" }], text: "Prophylaxis" },
      priceComponent: [{ type: "base", factor: 2, amount: { value: 155.5, currency: "CAD" } }],
    });
    expect(resource.totalNet).toEqual({ value: 250.5, currency: "CAD" });
    expect(resource.identifier).toEqual([{ system: "urn:clinic-billing:invoice-number", value: "1042" }]);
    expect(resource.paymentTerms).toBe("Due 2026-11-01.");
  });

  test("a draft without a patient or issue date leaves them out", () => {
    const resource = toFhirInvoice(invoice({ status: "draft", patientId: null, issuedAt: null }), "USD");
    expect(resource.subject).toBeUndefined();
    expect(resource.date).toBeUndefined();
  });
});

describe("FHIR R4 Patient", () => {
  const patient = {
    id: "16fd2706-8baf-433b-82eb-8c7fada847da",
    clinicId: "0b8f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
    externalId: "MRN-100050",
    firstName: "Ana",
    lastName: "Lopez",
    dateOfBirth: "1980-02-29",
    phone: "+13125550100",
    email: "ana@example.com",
    preferredLanguage: "es",
  } as Patient;

  test("MRN identifier, name, birth date, telecom and language", () => {
    const resource: FhirPatient = toFhirPatient(patient);
    expect(resource.resourceType).toBe("Patient");
    expect(resource.id).toMatch(FHIR_ID);
    expect(resource.birthDate).toMatch(FHIR_DATE);
    expect(resource.identifier?.[0]).toMatchObject({
      type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
      value: "MRN-100050",
    });
    expect(resource.name).toEqual([{ use: "official", family: "Lopez", given: ["Ana"] }]);
    expect(resource.telecom).toEqual([
      { system: "phone", value: "+13125550100", use: "mobile" },
      { system: "email", value: "ana@example.com" },
    ]);
    expect(resource.communication?.[0]?.language.coding?.[0]).toEqual({ system: "urn:ietf:bcp:47", code: "es" });
  });

  test("no phone, email or language: those elements are absent, not empty", () => {
    const resource = toFhirPatient({ ...patient, phone: null, email: null, preferredLanguage: null });
    expect(resource.telecom).toBeUndefined();
    expect(resource.communication).toBeUndefined();
  });
});
