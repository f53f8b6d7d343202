import { and, eq, inArray } from "drizzle-orm";
import { patients } from "@/db/schema";
import { apiRoute } from "@/lib/api/api-route";
import { createPatientBodySchema, listPatientsQuerySchema, toApiPatient } from "@/lib/api/patient-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { createPatient } from "@/lib/patients/create-patient";
import { listPatients } from "@/lib/patients/list-patients";

/** Patients by exact MRN, or the list's search a page at a time (keyset). The read is audited. */
export const GET = apiRoute({ query: listPatientsQuerySchema }, async ({ db, key, actor, query }) => {
  const page = query.mrn
    ? { ids: [] as string[], nextAfter: null }
    : await listPatients(db, { clinicId: key.clinicId, query: query.q, after: query.after, limit: query.limit }).then(
        (result) => ({ ids: result.rows.map((row) => row.id), nextAfter: result.nextAfter }),
      );
  const rows = await db
    .select()
    .from(patients)
    .where(
      and(
        eq(patients.clinicId, key.clinicId),
        query.mrn
          ? eq(patients.externalId, query.mrn)
          : inArray(patients.id, page.ids.length ? page.ids : [key.clinicId]),
      ),
    );
  const order = new Map(page.ids.map((id, index) => [id, index]));
  const data = rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)).map(toApiPatient);
  await recordAudit(db, {
    clinicId: key.clinicId,
    actor,
    action: "patient.list",
    entityType: "patient",
    entityId: null,
    after: { mrn: query.mrn ?? null, q: query.q ?? null, count: data.length },
  });
  return { json: { data, nextAfter: page.nextAfter } };
});

export const POST = apiRoute({ write: true, body: createPatientBodySchema }, async ({ db, key, actor, body }) => {
  const patient = await db.transaction((tx) => createPatient(tx, { clinicId: key.clinicId, actor, input: body }));
  return { status: 201, json: toApiPatient(patient) };
});
