import { eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { clinics, type Patient, patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { assertMrnFree, generateMrn } from "./mrn";
import type { PatientInput } from "./patient-input";

/**
 * Adds a patient by hand or through the API. An empty MRN gets a generated one; an empty
 * time zone is stored as none (the patient uses the clinic's zone). The unique (clinic, MRN) index settles a race with another insert.
 */
export async function createPatient(
  tx: Tx,
  params: { clinicId: string; actor: Actor; input: PatientInput },
): Promise<Patient> {
  const { clinicId, actor, input } = params;
  const [clinic] = await tx.select({ id: clinics.id }).from(clinics).where(eq(clinics.id, clinicId));
  if (!clinic) throw new AppError("not_found", "This clinic was not found.");
  const mrn = input.mrn ?? generateMrn();
  await assertMrnFree(tx, clinicId, mrn);
  const [patient] = await tx
    .insert(patients)
    .values({
      clinicId,
      externalId: mrn,
      firstName: input.firstName,
      lastName: input.lastName,
      dateOfBirth: input.dateOfBirth,
      phone: input.phone,
      email: input.email,
      timeZone: input.timeZone,
      preferredLanguage: input.preferredLanguage,
    })
    .onConflictDoNothing()
    .returning();
  if (!patient) {
    await assertMrnFree(tx, clinicId, mrn);
    throw new AppError("conflict", "This MRN was just taken. Try again.");
  }
  await recordAudit(tx, {
    clinicId,
    actor,
    action: "patient.create",
    entityType: "patient",
    entityId: patient.id,
    before: null,
    after: auditedFields(patient),
  });
  return patient;
}

export function auditedFields(patient: Patient): Record<string, unknown> {
  return {
    mrn: patient.externalId,
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
    timeZone: patient.timeZone,
    preferredLanguage: patient.preferredLanguage,
  };
}
