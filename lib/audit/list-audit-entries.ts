import "server-only";
import { and, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { auditLog, invoiceSets, memberships, patients, users } from "@/db/schema";
import { startOfCalendarDate } from "@/lib/format/dates";
import type { AuditFilters } from "./audit-filters";

export const AUDIT_PAGE_LIMIT = 200;
export const AUDIT_EXPORT_LIMIT = 10_000;

export interface AuditRow {
  id: string;
  at: Date;
  who: string;
  role: string;
  action: string;
  entityType: string;
  entityId: string | null;
  patientName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

/** The patient a row is about: the entity itself, or the patient named in its details. */
const rowPatientId = sql`case
  when ${auditLog.entityType} = 'patient' then ${auditLog.entityId}
  when ${auditLog.after}->>'patientId' ~ '^[0-9a-f-]{36}$' then (${auditLog.after}->>'patientId')::uuid
end`;

/** One clinic's audit rows, newest first, filtered by person, patient, action and days (in the clinic's zone). */
export async function listAuditEntries(
  db: Executor,
  params: { clinicId: string; timeZone: string; filters: AuditFilters; limit: number },
): Promise<AuditRow[]> {
  const { clinicId, filters, timeZone } = params;
  const where: SQL[] = [eq(auditLog.clinicId, clinicId)];
  if (filters.person) where.push(eq(auditLog.userId, filters.person));
  if (filters.action) where.push(sql`${auditLog.action} like ${`${filters.action}%`}`);
  if (filters.from) where.push(gte(auditLog.createdAt, startOfCalendarDate(filters.from, timeZone)));
  if (filters.to) where.push(lt(auditLog.createdAt, startOfCalendarDate(filters.to, timeZone, 1)));
  if (filters.patient) {
    const term = `%${filters.patient.replace(/[\\%_]/g, "\\$&")}%`;
    const matching = db
      .select({ id: patients.id })
      .from(patients)
      .where(
        and(
          eq(patients.clinicId, clinicId),
          or(
            eq(patients.externalId, filters.patient),
            ilike(sql`${patients.firstName} || ' ' || ${patients.lastName}`, term),
          ),
        ),
      );
    const theirSets = db
      .select({ id: invoiceSets.id })
      .from(invoiceSets)
      .where(and(eq(invoiceSets.clinicId, clinicId), inArray(invoiceSets.patientId, matching)));
    const patientCondition = or(
      inArray(rowPatientId, matching),
      and(eq(auditLog.entityType, "invoice_set"), inArray(auditLog.entityId, theirSets)),
    );
    if (patientCondition) where.push(patientCondition);
  }

  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      actorKind: auditLog.actorKind,
      userName: users.name,
      memberRole: memberships.role,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      firstName: patients.firstName,
      lastName: patients.lastName,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(memberships, and(eq(memberships.userId, auditLog.userId), eq(memberships.clinicId, auditLog.clinicId)))
    .leftJoin(patients, and(eq(patients.clinicId, auditLog.clinicId), sql`${patients.id} = ${rowPatientId}`))
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(params.limit);

  return rows.map((row) => {
    const recordedRole = typeof row.after?.role === "string" ? row.after.role : null;
    return {
      id: row.id,
      at: row.at,
      who:
        row.actorKind === "user"
          ? (row.userName ?? "Former staff")
          : row.actorKind === "patient"
            ? "Patient"
            : "System",
      role: row.actorKind === "user" ? (recordedRole ?? row.memberRole ?? "—") : "—",
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      patientName: row.firstName ? `${row.firstName} ${row.lastName ?? ""}`.trim() : null,
      before: row.before,
      after: row.after,
      ip: row.ip,
    };
  });
}

/** The clinic's staff, for the "Person" filter. */
export async function listClinicPeople(db: Executor, clinicId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.clinicId, clinicId))
    .orderBy(users.name);
}
