import { apiRoute, idParams } from "@/lib/api/api-route";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { toFhirPatient } from "@/lib/fhir/to-fhir-patient";
import { getPatient } from "@/lib/patients/get-patient";

export const GET = apiRoute({ params: idParams }, async ({ db, key, actor, params }) => {
  const patient = await getPatient(db, { clinicId: key.clinicId, patientId: params.id });
  if (!patient) throw new AppError("not_found", "No patient with this id in your clinic.");
  await recordAudit(db, {
    clinicId: key.clinicId,
    actor,
    action: "patient.view",
    entityType: "patient",
    entityId: patient.id,
  });
  return Response.json(toFhirPatient(patient), {
    headers: { "Content-Type": "application/fhir+json", "Cache-Control": "no-store" },
  });
});
