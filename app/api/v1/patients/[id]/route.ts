import { getDb } from "@/db/client";
import { apiRoute, idParams } from "@/lib/api/api-route";
import { patientAsInput, toApiPatient, updatePatientBodySchema } from "@/lib/api/patient-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { runUseCase } from "@/lib/events/run-use-case";
import { getPatient } from "@/lib/patients/get-patient";
import { updatePatient } from "@/lib/patients/update-patient";

const notFound = () => new AppError("not_found", "No patient with this id in your clinic.");

export const GET = apiRoute({ params: idParams }, async ({ db, key, actor, params }) => {
  const patient = await getPatient(db, { clinicId: key.clinicId, patientId: params.id });
  if (!patient) throw notFound();
  await recordAudit(db, {
    clinicId: key.clinicId,
    actor,
    action: "patient.view",
    entityType: "patient",
    entityId: patient.id,
  });
  return { json: toApiPatient(patient) };
});

/** Only the fields sent change; the merged patient is validated like a new one. */
export const PATCH = apiRoute(
  { write: true, params: idParams, body: updatePatientBodySchema },
  async ({ key, actor, params, body }) => {
    const { db } = await getDb();
    const { result } = await runUseCase(db, async (tx) => {
      const current = await getPatient(tx, { clinicId: key.clinicId, patientId: params.id });
      if (!current) throw notFound();
      const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
      const input = { ...patientAsInput(current), ...sent };
      const updated = await updatePatient(tx, { clinicId: key.clinicId, actor, patientId: params.id, input });
      return { result: updated, events: updated.events };
    });
    return { json: toApiPatient(result.patient) };
  },
);
