import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { type Patient, patients } from "@/db/schema";
import { type AppEvent, patientContactChanged } from "@/inngest/events";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { replanWaitingSequences } from "@/lib/outreach/replan-waiting-sequences";
import { setPatientChannelFlags } from "@/lib/state-machine/patient-channels";
import { auditedFields } from "./create-patient";
import { assertMrnFree } from "./mrn";
import type { PatientInput } from "./patient-input";

export interface UpdatePatientResult {
  patient: Patient;
  changed: string[];
  /** Phone, email or time zone changed. */
  contactChanged: boolean;
  /** To publish after the commit: a new phone or email re-checks Will Fail, a new zone re-plans the sends. */
  events: AppEvent[];
}

/**
 * Saves a patient's details (already validated and normalized). An empty MRN keeps the
 * current one; an empty time zone means the clinic's. A new phone forgets what was learned about the old one (landline,
 * unusable); a new email forgets its bounce. An SMS opt-out is kept: only the patient can
 * undo it (START).
 */
export async function updatePatient(
  tx: Tx,
  params: { clinicId: string; actor: Actor; patientId: string; input: PatientInput },
): Promise<UpdatePatientResult> {
  const { clinicId, actor, patientId, input } = params;
  const [current] = await tx
    .select()
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)))
    .for("update");
  if (!current) throw new AppError("not_found", "This patient was not found. They may belong to another clinic.");

  const next = {
    externalId: input.mrn ?? current.externalId,
    firstName: input.firstName,
    lastName: input.lastName,
    dateOfBirth: input.dateOfBirth,
    phone: input.phone,
    email: input.email,
    timeZone: input.timeZone,
    preferredLanguage: input.preferredLanguage,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => next[key] !== current[key]);
  if (changed.length === 0) return { patient: current, changed: [], contactChanged: false, events: [] };
  if (next.externalId !== current.externalId) await assertMrnFree(tx, clinicId, next.externalId, patientId);

  const phoneChanged = changed.includes("phone");
  const emailChanged = changed.includes("email");
  const [patient] = await tx
    .update(patients)
    .set({
      ...next,
      updatedAt: new Date(),
    })
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)))
    .returning();
  if (!patient) throw new AppError("not_found", "This patient was not found.");
  if (phoneChanged || emailChanged)
    await setPatientChannelFlags(tx, {
      clinicId,
      patientIds: [patientId],
      change: { kind: "contact_changed", phone: phoneChanged, email: emailChanged },
      at: new Date(),
    });

  const before = auditedFields(current);
  const after = auditedFields(patient);
  const audited = changed.map((key) => (key === "externalId" ? "mrn" : key));
  await recordAudit(tx, {
    clinicId,
    actor,
    action: "patient.update",
    entityType: "patient",
    entityId: patientId,
    before: Object.fromEntries(audited.map((key) => [key, before[key]])),
    after: Object.fromEntries(audited.map((key) => [key, after[key]])),
  });
  const zoneChanged = changed.includes("timeZone");
  const events = [
    ...(phoneChanged || emailChanged ? [patientContactChanged.create({ clinicId, patientId })] : []),
    ...(zoneChanged ? await replanWaitingSequences(tx, { clinicId, patientIds: [patientId] }) : []),
  ];
  return { patient, changed: audited, contactChanged: phoneChanged || emailChanged || zoneChanged, events };
}
