import type { Patient as FhirPatient } from "fhir/r4";
import type { Patient } from "@/db/schema";

/** A patient as a FHIR R4 Patient: the MRN as an "MR" identifier scoped to the clinic. */
export function toFhirPatient(patient: Patient): FhirPatient {
  const resource: FhirPatient = {
    resourceType: "Patient",
    id: patient.id,
    identifier: [
      {
        use: "usual",
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
        system: `urn:clinic-billing:clinic:${patient.clinicId}:mrn`,
        value: patient.externalId,
      },
    ],
    name: [{ use: "official", family: patient.lastName, given: [patient.firstName] }],
    birthDate: patient.dateOfBirth,
  };
  const telecom = [
    ...(patient.phone ? [{ system: "phone" as const, value: patient.phone, use: "mobile" as const }] : []),
    ...(patient.email ? [{ system: "email" as const, value: patient.email }] : []),
  ];
  if (telecom.length) resource.telecom = telecom;
  if (patient.preferredLanguage) {
    resource.communication = [
      { language: { coding: [{ system: "urn:ietf:bcp:47", code: patient.preferredLanguage }] }, preferred: true },
    ];
  }
  return resource;
}
