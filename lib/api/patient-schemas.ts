import { z } from "zod";
import type { Patient } from "@/db/schema";
import { patientInputSchema } from "@/lib/patients/patient-input";

export const apiPatientSchema = z
  .object({
    id: z.uuid(),
    mrn: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: z.iso.date(),
    phone: z.string().nullable().meta({ description: "E.164, e.g. +12025550143" }),
    email: z.string().nullable(),
    timeZone: z
      .string()
      .nullable()
      .meta({ description: "IANA zone; null: the clinic's time zone", example: "America/Chicago" }),
    preferredLanguage: z.string().nullable().meta({ example: "es" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Patient" });

export const createPatientBodySchema = patientInputSchema.meta({ id: "PatientCreate" });

/** PATCH: only the fields sent change; the rest keep their values. */
export const updatePatientBodySchema = patientInputSchema.partial().meta({ id: "PatientUpdate" });

export const listPatientsQuerySchema = z.object({
  mrn: z.string().trim().min(1).max(40).optional().meta({ description: "Exact MRN" }),
  q: z.string().trim().max(100).optional().meta({ description: "Name, MRN or phone digits" }),
  after: z.uuid().optional().meta({ description: "The last id of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const patientListSchema = z
  .object({ data: z.array(apiPatientSchema), nextAfter: z.uuid().nullable() })
  .meta({ id: "PatientList" });

export function toApiPatient(patient: Patient): z.infer<typeof apiPatientSchema> {
  return {
    id: patient.id,
    mrn: patient.externalId,
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
    timeZone: patient.timeZone,
    preferredLanguage: patient.preferredLanguage,
    createdAt: patient.createdAt.toISOString(),
    updatedAt: patient.updatedAt.toISOString(),
  };
}

/** The patient's current details as input, for merging a PATCH. */
export function patientAsInput(patient: Patient) {
  return {
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
    mrn: patient.externalId,
    timeZone: patient.timeZone,
    preferredLanguage: patient.preferredLanguage,
  };
}
